import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness } from './harness.ts';
import { accounts, signIn } from './support/console.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { normalize, waitForText } from './support/wait.ts';

/**
 * The README's Quick start, step by step, on a node seeded as `npm start` seeds it: sign in as the demo agent
 * and touch nothing else (no presence change), open the demo pricing page, wait for the invitation, accept it,
 * and chat both ways. It passes only because the defaults are right.
 */
describe('a newcomer following the README', () => {
  let h: Harness;
  beforeAll(async () => {
    // The seed as it is: the demo agent starts Available (the other tests start everyone Offline).
    h = await Harness.start({ keepDemoPresence: true, keepAnswerableGate: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('signs in as the demo agent, accepts the invitation on the demo page, and chats both ways', async () => {
    const agent = await signIn(h, accounts.agent.email);
    // Available from the start: no banner asking to change it, and the selector says so.
    // The selector shows Offline until the console has read the agent's presence: wait for that read.
    await expect
      .poll(() => agent.locator('[data-testid=presence-select]').inputValue(), { timeout: 15_000 })
      .toBe('available');
    expect(await agent.locator('[data-testid=presence-banner]').count()).toBe(0);

    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(visitor);
    await h.advance(30_000);
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.invitationMessage.textContent()) ?? '')).toContain(
      'Need help choosing a plan?',
    );
    await w.invitationAccept.click();
    await w.prechat.waitFor({ state: 'visible' });
    await w.prechatName.fill('Nora Newcomer');
    await w.prechatSubmit.click();

    const offer = agent.locator('[data-testid=offer]');
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    await offer.locator('[data-testid=offer-accept]').click();
    await waitForText(w.status, 'Alex');

    await w.input.fill('Hi, which plan fits a team of five?');
    await w.send.click();
    await agent
      .locator('[data-testid=message][data-author=visitor]', { hasText: 'which plan fits a team of five' })
      .waitFor({ state: 'visible', timeout: 10_000 });
    await agent.locator('[data-testid=composer]').fill('The Team plan: five seats included.');
    await agent.locator('[data-testid=send]').click();
    await widgetMessage(visitor, 'agent', 'The Team plan: five seats included.').waitFor({
      state: 'visible',
      timeout: 10_000,
    });
    await h.closeContexts();
  });
});
