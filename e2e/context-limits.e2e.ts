import { describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { useHarness } from './support/lifecycle.ts';
import { lcwErrors, visitDemoPage, widget } from './support/visitor.ts';
import { isShown } from './support/wait.ts';

/** A context value over 4,000 characters is dropped with a clear error event. */
describe('setContextProvider limits', () => {
  const harness = useHarness();

  test('an over-long value raises lcw:error CONTEXT_VALUE_TOO_LONG', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');

    await visitor.evaluate(() =>
      window.Beckon!.setContextProvider(() => ({ ok: 'fine', big: 'x'.repeat(5000) })),
    );
    await visitor.waitForFunction(
      () => (window.__beckonErrors ?? []).some((error) => error.errorCode === 'CONTEXT_VALUE_TOO_LONG'),
      null,
      { timeout: 10_000 },
    );
    const errors = await lcwErrors(visitor);
    const tooLong = errors.filter((error) => error.errorCode === 'CONTEXT_VALUE_TOO_LONG');
    expect(tooLong.length).toBeGreaterThanOrEqual(1);
    expect(tooLong[0]!.errorDescription ?? '').toContain('big');
    // Only the over-long variable is reported; "ok" is fine.
    expect(errors.every((error) => !(error.errorDescription ?? '').includes('"ok"'))).toBe(true);

    // Nothing else is lost: a chat started now carries "ok" to the server, and not "big".
    const w = widget(visitor);
    await visitor.evaluate(() => window.Beckon!.startChat());
    await w.pane.waitFor({ state: 'visible', timeout: 10_000 });
    await w.prechat.or(w.input).first().waitFor({ state: 'visible', timeout: 10_000 });
    if (await isShown(w.prechat)) await w.prechatSubmit.click();
    await w.input.waitFor({ state: 'visible', timeout: 10_000 });

    const queueId = (await h.store.getWidgetByKey('demo'))!.queueId;
    const deadline = Date.now() + 10_000;
    let waiting = await h.store.listWaitingConversations(queueId);
    while (waiting.length === 0 && Date.now() < deadline) {
      await realDelay(100);
      waiting = await h.store.listWaitingConversations(queueId);
    }
    expect(waiting).toHaveLength(1);
    const custom = waiting[0]!.context.custom;
    expect(custom.ok?.value).toBe('fine');
    expect(custom.big).toBeUndefined();
  });
});
