import { afterEach, describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { beckonStorage, visitRecordingFrames } from './support/frames.ts';
import { useHarness } from './support/lifecycle.ts';
import { widget } from './support/visitor.ts';
import { isShown } from './support/wait.ts';

/**
 * Privacy: on a widget in consent mode the loader keeps no journey data until the page calls
 * `Beckon.consent(true)`: no visitor id in storage, no `page` or `track` frame, no invitation; then it tracks.
 */
describe('consent mode', () => {
  const harness = useHarness();

  async function setConsentRequired(required: boolean): Promise<void> {
    const row = await harness().store.getWidgetByKey('demo');
    if (!row) throw new Error('no demo widget');
    await harness().store.updateWidget({ ...row, consentRequired: required });
  }

  afterEach(async () => {
    await setConsentRequired(false);
  });

  test('nothing is tracked or stored before consent, and everything is after', async () => {
    const h = harness();
    await setConsentRequired(true);
    const { page, sent } = await visitRecordingFrames(h, '/demo/pricing.html');
    const w = widget(page);

    // Page code that tracks, an SPA route change and 60 s on the pricing page: none of it leaves the page.
    await page.evaluate(() => {
      window.Beckon?.track('added_to_cart', { sku: 'TEAM-1', price: 12 });
      history.pushState({}, '', '/demo/pricing.html?plan=team');
      window.Beckon?.page();
    });
    await h.advance(60_000);
    await realDelay(300);
    expect(sent.types().filter((type) => type !== 'ping')).toEqual(['hello']);
    expect(sent.of('hello')[0]?.consent).toBeUndefined();
    expect(await beckonStorage(page)).toEqual({});
    expect(await isShown(w.invitation)).toBe(false);
    const visitorId = await page.evaluate(() => localStorage.getItem('beckon:demo:visitor'));
    expect(visitorId).toBeNull();

    await page.evaluate(() => window.Beckon?.consent(true));
    await page.evaluate(() => {
      window.Beckon?.track('added_to_cart', { sku: 'TEAM-1' });
      history.pushState({}, '', '/demo/pricing.html?plan=business');
    });
    await expect
      .poll(() => sent.types().filter((type) => type !== 'ping'))
      .toEqual(['hello', 'consent', 'context.update', 'track', 'page']);
    expect(sent.of('track')[0]).toEqual({ type: 'track', name: 'added_to_cart', props: { sku: 'TEAM-1' } });
    const storage = await beckonStorage(page);
    expect(storage['local:beckon:demo:consent']).toBe('1');
    expect(storage['local:beckon:demo:visitor']).toMatch(/^vis_/);

    // The journey counts from consent: 30 s on the pricing page now fires the seeded rule.
    await h.advance(30_000);
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });

    // The next page load remembers the consent and says so in its hello.
    const next = await visitRecordingFrames(h, '/demo/pricing.html');
    expect(next.sent.of('hello')[0]?.consent).toBeUndefined(); // a new visitor (new browser profile)…
    await next.page.evaluate(() => window.Beckon?.consent(true));
    await next.page.reload();
    await next.page.waitForFunction(() => window.__beckonReady === true);
    await expect.poll(() => next.sent.of('hello').map((hello) => hello.consent)).toEqual([undefined, true]);
  });

  test('without consent an explicit chat still works', async () => {
    const h = harness();
    await setConsentRequired(true);
    const { page, sent } = await visitRecordingFrames(h, '/demo/index.html');
    const w = widget(page);
    await w.launcher.click();
    await w.prechatSubmit.click();
    await w.input.fill('No tracking, just a question');
    await w.send.click();
    await expect.poll(() => sent.of('message.send').length).toBe(1);
    expect(sent.types()).not.toContain('page');
    // Kept for this tab only, so the chat survives a navigation; nothing in localStorage.
    const storage = await beckonStorage(page);
    expect(Object.keys(storage).filter((key) => key.startsWith('local:'))).toEqual([]);
    expect(storage['session:beckon:demo:visitor']).toMatch(/^vis_/);
  });
});
