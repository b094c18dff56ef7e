import { describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { accounts, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { beckonEvents, visitDemoPage, widget } from './support/visitor.ts';
import { isShown } from './support/wait.ts';

/** An invitation offers accept and close, and closes itself after 60 s on the server's word. */
describe('invitation lifecycle', () => {
  const harness = useHarness();

  test('a closed invitation disappears and does not come back on the same page', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(visitor);

    await h.advance(30_000);
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });

    await w.invitationClose.click();
    await w.invitation.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await beckonEvents(visitor)).toContain('beckon:invitationDismissed');

    // Another 30 s on the same page: the rule must not invite again after a dismissal.
    await h.advance(30_000);
    await realDelay(500);
    expect(await isShown(w.invitation)).toBe(false);
    expect(await isShown(w.launcher)).toBe(true);
  });

  test('an unanswered invitation closes itself after 60 s and no agent is notified', async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(visitor);

    await h.advance(30_000);
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });

    // The server owns the deadline: it sends invitation.closed (expired) and the widget hides the bubble.
    await h.advance(60_000);
    await w.invitation.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await beckonEvents(visitor)).toContain('beckon:invitationExpired');

    await realDelay(500);
    expect(await agent.locator('[data-testid=offer]').count()).toBe(0);
    const alex = await h.store.findUserByEmail(accounts.agent.email);
    expect(alex).toBeDefined();
    expect(await h.store.listPendingOffersForAgent(alex!.id)).toEqual([]);
    for (const queue of await h.store.listQueues()) {
      expect(await h.store.listWaitingConversations(queue.id)).toEqual([]);
    }
  });
});
