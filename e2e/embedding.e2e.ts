import { describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { useHarness } from './support/lifecycle.ts';
import { openDemoPage, visitDemoPage, widget } from './support/visitor.ts';
import { isShown } from './support/wait.ts';

/** The widget works only on the origins it allows; elsewhere it shows nothing at all. */
describe('embedding on allowed origins only', () => {
  const harness = useHarness();

  test('on the allowed origin the widget shows its launcher', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    expect(await isShown(widget(visitor).launcher)).toBe(true);
  });

  test('on another origin the socket is refused: no launcher and no invitation', async () => {
    const h = harness();
    // Same server, but 127.0.0.1 is not the allowed http://localhost:<port>.
    const visitor = await openDemoPage(h, '/demo/pricing.html', `http://127.0.0.1:${h.port}`);
    const w = widget(visitor);

    // The loader runs, its socket upgrade is refused, and it tells the page so.
    await visitor.waitForFunction(
      () => (window.__beckonErrors ?? []).some((error) => error.errorCode === 'CONNECTION_REFUSED'),
      null,
      { timeout: 15_000 },
    );
    await realDelay(500);

    expect(await w.launcher.count()).toBe(0);

    await h.advance(30_000);
    await realDelay(500);
    expect(await isShown(w.invitation)).toBe(false);
    expect(await isShown(w.pane)).toBe(false);
    expect(await visitor.evaluate(() => window.__beckonReady)).toBe(false);
  });
});
