import { describe, expect, test } from 'vitest';
import { pageViolations } from './support/a11y.ts';
import { accounts, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget } from './support/visitor.ts';
import { normalize, waitForText } from './support/wait.ts';

/**
 * A visitor who gave a name and an e-mail no record has: the agent's customer panel proposes the record, filled
 * in from the answers; one click creates it, linked but unverified until the agent confirms it.
 */
describe('pre-chat answers create a customer record', () => {
  const harness = useHarness();

  test('the panel proposes the pre-filled record; the agent creates it, unverified, then confirms it', async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(visitor);

    await h.advance(30_000);
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    await w.invitationAccept.click();
    await w.prechat.waitFor({ state: 'visible', timeout: 10_000 });
    await w.prechatName.fill('Nina Newcomer');
    await w.prechatEmail.fill('nina@example.org');
    await w.prechatSubmit.click();

    const offer = agent.locator('[data-testid=offer]');
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    await offer.locator('[data-testid=offer-accept]').click();

    await agent.locator('[data-testid=tab-customer]').click();
    const panel = agent.locator('[data-testid=customer-panel]');
    await panel.waitFor({ state: 'visible' });
    expect(await panel.getAttribute('data-status')).toBe('none');
    const proposed = panel.locator('[data-testid=customer-proposed]');
    await proposed.waitFor({ state: 'visible', timeout: 10_000 });
    expect(
      normalize((await proposed.locator('[data-testid=customer-proposed-name]').textContent()) ?? ''),
    ).toBe('Nina Newcomer');
    expect(
      normalize((await proposed.locator('[data-testid=customer-proposed-email]').textContent()) ?? ''),
    ).toBe('nina@example.org');
    expect(await pageViolations(agent)).toEqual([]);

    await proposed.getByRole('button', { name: 'Create this customer record' }).click();
    const linked = await waitForText(agent.locator('[data-testid=customer-linked]'), 'Nina Newcomer');
    expect(linked).toContain('nina@example.org');
    expect(await panel.getAttribute('data-status')).toBe('linked');
    const verification = panel.locator('[data-testid=customer-verification]');
    expect(await verification.getAttribute('data-verification')).toBe('unverified');
    const stored = await h.store.findActiveCustomers('email', 'nina@example.org');
    expect(stored.map((customer) => customer.name)).toEqual(['Nina Newcomer']);

    // The agent confirms: the label says a person linked it.
    await panel.locator('[data-testid=customer-confirm-link]').click();
    await waitForText(verification, 'Linked by an agent');
    expect(await verification.getAttribute('data-verification')).toBe('agent');
  });
});
