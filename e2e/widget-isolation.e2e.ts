import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Harness } from './harness.ts';
import { useHarness } from './support/lifecycle.ts';
import { waitForWidgetReady, widget } from './support/visitor.ts';
import { type Probe, probeHost, probeWidget } from './support/widget-probe.ts';

/**
 * Isolation: on a page with aggressive global CSS the widget looks exactly as on a plain page, the
 * page's own elements look exactly as without the widget, and the only new globals are `Beckon` and the
 * compatibility namespace. The hostile rules are added
 * by the test itself (page.route) to the demo page's stylesheet, on the widget's allowed origin.
 */

const hostileCss = `
  * { all: unset !important; }
  html { font-size: 40px !important; font-family: "Comic Sans MS", cursive !important; color: #f0f !important; }
  div, section, p, form, label { display: block !important; padding: 13px !important; margin: 7px !important;
    border: 5px dashed red !important; font-size: 2rem !important; line-height: 3 !important;
    box-sizing: content-box !important; position: relative !important; }
  button, input, textarea { all: revert !important; font-size: 33px !important; padding: 20px !important;
    background: #0f0 !important; color: #00f !important; border-radius: 0 !important; width: 300px !important; }
  svg { width: 200px !important; height: 200px !important; }
  [hidden] { display: block !important; }
  [role=dialog] { transform: scale(2) !important; }
  @layer hostile { * { opacity: .5 !important; } }
`;

const hostSelectors = [
  'html',
  'body',
  '.site-header',
  '.nav a',
  'h1',
  '.lead',
  '.plan-featured',
  '.price',
  'button[data-beckon]',
  '.site-footer',
];
const widgetParts = [
  'beckon-launcher',
  'beckon-invitation',
  'beckon-invitation-message',
  'beckon-invitation-accept',
  'beckon-invitation-close',
];
const paneParts = ['beckon-pane', 'beckon-minimize', 'beckon-prechat', 'beckon-prechat-submit'];

/**
 * The demo pricing page with the hostile rules appended to its stylesheet, optionally without the loader.
 * Only subresources are rewritten: Chromium's local-network checks treat a document fulfilled by the test as
 * public and would block its socket to localhost.
 */
async function open(h: Harness, options: { hostile: boolean; loader: boolean }): Promise<Page> {
  const context = await h.newContext();
  const tab = await context.newPage();
  if (options.hostile) {
    await tab.route('**/demo/demo.css', async (route) => {
      const original = await route.fetch();
      await route.fulfill({ response: original, body: `${await original.text()}\n${hostileCss}` });
    });
  }
  if (!options.loader) await tab.route('**/widget.js', (route) => route.abort());
  await tab.goto(`${h.origin}/demo/pricing.html`);
  return tab;
}

/** Launcher and invitation, then the pane with its pre-chat form, as seen on `tab`. */
async function probeAllWidget(
  tab: Page,
): Promise<{ closed: Record<string, Probe>; open: Record<string, Probe> }> {
  const w = widget(tab);
  await waitForWidgetReady(tab);
  await tab.evaluate(() => window.Beckon?.startProactiveChat({ message: 'Hello there' }, false));
  await w.invitation.waitFor({ state: 'visible' });
  // The loader shows a plain bubble and the pane chunk dresses it when it arrives: measure the dressed one,
  // or a slow chunk on one page and a quick one on the other would differ for no fault of the CSS.
  await tab.locator('#beckon-root [data-testid=beckon-invitation-author]').waitFor({ state: 'visible' });
  const closed = await probeWidget(tab, widgetParts);
  await w.invitationClose.click();
  await tab.evaluate(() => window.Beckon?.startChat());
  await w.prechat.waitFor({ state: 'visible' });
  const open = await probeWidget(tab, [...paneParts, 'beckon-launcher']);
  return { closed, open };
}

describe('widget isolation from the host page', () => {
  const harness = useHarness();

  test('aggressive global CSS changes nothing in the widget', async () => {
    const h = harness();
    const plain = await probeAllWidget(await open(h, { hostile: false, loader: true }));
    const hostile = await probeAllWidget(await open(h, { hostile: true, loader: true }));

    expect(Object.keys(plain.closed).sort()).toEqual([...widgetParts].sort());
    expect(Object.keys(plain.open).sort()).toEqual([...paneParts, 'beckon-launcher'].sort());
    expect(hostile.closed).toEqual(plain.closed);
    expect(hostile.open).toEqual(plain.open);
    // A sanity check that the comparison compares something: the launcher is the designed 56 px circle.
    expect(plain.closed['beckon-launcher']?.box.width).toBe(56);
    expect(hostile.open['beckon-pane']?.style['font-size']).toBe('14px');
  });

  test("the widget changes nothing in the host page's look and adds only Beckon and Microsoft globals", async () => {
    const h = harness();
    const bare = await open(h, { hostile: true, loader: false });
    // The same page without the loader: give it the same moment to settle, then read it.
    await bare.waitForLoadState('load');
    const before = await probeHost(bare, hostSelectors);
    const globalsBefore = await bare.evaluate(() => Object.keys(window));
    const sheetsBefore = await bare.evaluate(() => document.styleSheets.length);

    const tab = await open(h, { hostile: true, loader: true });
    await probeAllWidget(tab);
    const after = await probeHost(tab, hostSelectors);
    const globalsAfter = await tab.evaluate(() => Object.keys(window));

    expect(Object.keys(before).sort()).toEqual([...hostSelectors].sort());
    // The hostile rules really apply to the page (the comparison would be vacuous otherwise).
    expect(before.html?.style['font-size']).toBe('40px');
    expect(after).toEqual(before);
    expect(await tab.evaluate(() => document.styleSheets.length)).toBe(sheetsBefore);
    const added = globalsAfter.filter((name) => !globalsBefore.includes(name)).sort();
    expect(added).toEqual(['Beckon', 'Microsoft']);
    expect(globalsBefore.filter((name) => !globalsAfter.includes(name))).toEqual([]);
  });
});
