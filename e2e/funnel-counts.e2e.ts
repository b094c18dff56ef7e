import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { accounts, openScreen, signIn, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';

/**
 * The numbers an admin reads on the Analytics screen — the supervisor's "Today's invitations" and the rule's
 * funnel row — after real visitors took each path in Chromium: every transition counted once, with its outcome.
 */
describe('funnel counts on the Analytics screen', () => {
  const harness = useHarness();

  type Counts = Record<string, number>;

  async function supervisorCounts(page: Page): Promise<Counts> {
    const list = page.locator('[data-testid=sv-funnel]');
    const terms = await list.locator('dt').allTextContents();
    const values = await list.locator('dd').allTextContents();
    return Object.fromEntries(terms.map((term, i) => [term.trim(), Number(values[i])]));
  }

  async function funnelRow(page: Page): Promise<Counts> {
    await page.locator('[data-testid=refresh-funnel]').click();
    const row = page.locator('[data-testid=rule-funnel] [data-testid=funnel-row]').first();
    await row.waitFor({ state: 'visible' });
    const cells = await row
      .locator('td[data-step]')
      .evaluateAll((tds) =>
        tds.map((td) => [td.getAttribute('data-step') ?? '', Number(td.textContent?.replace(/\D/g, ''))]),
      );
    return Object.fromEntries(cells);
  }

  /** Reads both until they show `expected` (the overview refreshes every 5 s). */
  async function expectCounts(page: Page, expected: { supervisor: Counts; funnel: Counts }): Promise<void> {
    const deadline = Date.now() + 15_000;
    let seen: { supervisor: Counts; funnel: Counts } | undefined;
    while (Date.now() < deadline) {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor({ state: 'visible' });
      await page.locator('[data-testid=sv-funnel]').waitFor({ state: 'visible' });
      seen = { supervisor: await supervisorCounts(page), funnel: await funnelRow(page) };
      if (
        Object.entries(expected.supervisor).every(([k, v]) => seen!.supervisor[k] === v) &&
        Object.entries(expected.funnel).every(([k, v]) => seen!.funnel[k] === v)
      )
        return;
      await realDelay(300);
    }
    expect(seen).toMatchObject(expected);
  }

  async function invitedVisitor() {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    await h.advance(30_000);
    const w = widget(visitor);
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    return { visitor, w };
  }

  test('accepted → an agent accepts → the chat ends; then one dismissed; then one who leaves the pre-chat form', async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    const admin = await signIn(h, accounts.admin.email);
    await openScreen(admin, 'Analytics');

    // 1. Accept, answer the pre-chat form, the agent takes the chat, says hello and ends it.
    const first = await invitedVisitor();
    await first.w.invitationAccept.click();
    await first.w.prechat.waitFor({ state: 'visible' });
    await first.w.prechatName.fill('Ann');
    await first.w.prechatSubmit.click();
    const offer = agent.locator('[data-testid=offer]');
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    await offer.locator('[data-testid=offer-accept]').click();
    await agent.locator('[data-testid=composer]').fill('Hello Ann');
    await agent.locator('[data-testid=send]').click();
    await widgetMessage(first.visitor, 'agent', 'Hello Ann').waitFor({ state: 'visible', timeout: 10_000 });
    await agent.locator('[data-testid=end-conversation]').click();
    await expectCounts(admin, {
      supervisor: { Shown: 1, Accepted: 1, Dismissed: 0, Expired: 0 },
      funnel: { invited: 1, shown: 1, accepted: 1, dismissed: 0, expired: 0, agentAccepted: 1, ended: 1 },
    });

    // 2. Another visitor closes the invitation.
    const second = await invitedVisitor();
    await second.w.invitationClose.click();
    await expectCounts(admin, {
      supervisor: { Shown: 2, Accepted: 1, Dismissed: 1, Expired: 0 },
      funnel: { invited: 2, shown: 2, accepted: 1, dismissed: 1, expired: 0, agentAccepted: 1, ended: 1 },
    });

    // 3. A third clicks "Chat now", then puts the pre-chat form away: dismissed once — not accepted, not
    // expired a minute later, and not shown again.
    const third = await invitedVisitor();
    await third.w.invitationAccept.click();
    await third.w.prechat.waitFor({ state: 'visible' });
    await third.visitor.locator('#beckon-root [data-testid=beckon-minimize]').click();
    await h.advance(61_000);
    await h.advance(60_000);
    await expectCounts(admin, {
      supervisor: { Shown: 3, Accepted: 1, Dismissed: 2, Expired: 0 },
      funnel: { invited: 3, shown: 3, accepted: 1, dismissed: 2, expired: 0, agentAccepted: 1, ended: 1 },
    });
    expect(await third.w.invitation.isVisible()).toBe(false);
  });
});
