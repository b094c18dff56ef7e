import { describe, expect, test } from 'vitest';
import { widgetAtRest } from './support/a11y.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitWith } from './support/visit-with.ts';
import { widget } from './support/visitor.ts';
import { isShown } from './support/wait.ts';

/** Mobile: a phone-sized viewport gets the chat full screen; the invitation stays off the navigation. */
describe('the widget on a phone', () => {
  const harness = useHarness();
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

  test('a 390×844 viewport gets the full-screen chat, with the launcher out of its way', async () => {
    const h = harness();
    const visitor = await visitWith(h, '/demo/index.html', phone);
    const w = widget(visitor);

    await visitor.evaluate(() => window.Beckon?.startChat());
    await w.prechat.waitFor({ state: 'visible' });
    await widgetAtRest(visitor);
    const box = await w.pane.boundingBox();
    expect(box && [box.x, box.y, box.width, box.height].map(Math.round)).toEqual([0, 0, 390, 844]);
    // The launcher would sit on top of the Send button; the pane's own Minimise button replaces it.
    expect(await isShown(w.launcher)).toBe(false);

    await visitor.locator('#beckon-root [data-testid=beckon-minimize]').click();
    await w.pane.waitFor({ state: 'hidden' });
    expect(await isShown(w.launcher)).toBe(true);
  });

  test("the invitation does not cover the page's navigation", async () => {
    const h = harness();
    const visitor = await visitWith(h, '/demo/index.html', phone);
    const w = widget(visitor);

    await visitor.evaluate(() => window.Beckon?.startProactiveChat({ message: 'Need a hand?' }, false));
    await w.invitation.waitFor({ state: 'visible' });
    const bubble = await w.invitation.boundingBox();
    const nav = await visitor.locator('nav').first().boundingBox();
    if (!bubble || !nav) throw new Error('the invitation or the navigation has no box');
    const overlaps =
      bubble.x < nav.x + nav.width &&
      nav.x < bubble.x + bubble.width &&
      bubble.y < nav.y + nav.height &&
      nav.y < bubble.y + bubble.height;
    expect(overlaps).toBe(false);
    expect(bubble.x).toBeGreaterThanOrEqual(0);
    expect(bubble.x + bubble.width).toBeLessThanOrEqual(390);
  });
});
