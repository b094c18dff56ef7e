import { describe, expect, test } from 'vitest';
import { accounts, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { isShown, normalize, parseDurationSeconds, waitForText } from './support/wait.ts';

/**
 * The whole proactive story: a rule invites a visitor after 30 s on the pricing page, the
 * visitor accepts and identifies through the pre-chat survey, an agent is offered the chat, accepts, they talk,
 * and the agent sees the matched customer record and the additional details.
 */
describe('proactive chat, from invitation to conversation', () => {
  // The agent is Available before the visitor arrives: the default "invite only when someone can answer" holds.
  const harness = useHarness(() => ({ keepAnswerableGate: true }));

  test('a visitor invited on the pricing page chats with an agent who sees who they are', async () => {
    const h = harness();

    const agent = await signInAvailable(h, accounts.agent.email);

    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(visitor);
    expect(await isShown(w.invitation)).toBe(false);
    // The page reports what the visitor did; the agent sees it under Additional details.
    await visitor.evaluate(() => window.Beckon?.track('compared_plans', { seats: 10 }));

    // The rule "30 s on a pricing page" fires on the server's clock.
    await h.advance(30_000);
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.invitationMessage.textContent()) ?? '')).toContain(
      'Need help choosing a plan?',
    );

    // The rule asks for the pre-chat survey; the email identifies the visitor.
    await w.invitationAccept.click();
    await w.prechat.waitFor({ state: 'visible', timeout: 10_000 });
    await w.prechatEmail.fill('alice@example.com');
    await w.prechatSubmit.click();

    // The agent is notified with the summary and a countdown.
    const offer = agent.locator('[data-testid=offer]');
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    const customer = normalize((await offer.locator('[data-testid=offer-customer]').textContent()) ?? '');
    // An e-mail typed in the survey proves nothing: the offer says so and does not name the record's owner.
    expect(customer).toContain('Visitor');
    expect(customer).not.toContain('Alice Martin');
    expect(await offer.locator('[data-testid=customer-verification]').getAttribute('data-verification')).toBe(
      'unverified',
    );
    expect(await offer.locator('[data-testid=offer-start-url]').textContent()).toContain(
      '/demo/pricing.html',
    );
    expect(await offer.locator('[data-testid=offer-rule]').textContent()).toContain('30 s on a pricing page');
    const countdown = parseDurationSeconds(
      (await offer.locator('[data-testid=offer-countdown]').textContent()) ?? '',
    );
    expect(countdown).toBeDefined();
    expect(countdown).toBeGreaterThan(0);
    expect(countdown).toBeLessThanOrEqual(120);

    await offer.locator('[data-testid=offer-accept]').click();

    // The visitor hears that the agent joined.
    await waitForText(w.status, 'Alex');

    // Messages flow both ways.
    await agent.locator('[data-testid=composer]').fill('Hello from Alex');
    await agent.locator('[data-testid=send]').click();
    await widgetMessage(visitor, 'agent', 'Hello from Alex').waitFor({ state: 'visible', timeout: 10_000 });

    await w.input.fill('Hi, I need a plan for 10 people');
    await w.send.click();
    await agent
      .locator('[data-testid=message][data-author=visitor]', { hasText: 'Hi, I need a plan for 10 people' })
      .waitFor({ state: 'visible', timeout: 10_000 });
    // The agent has the conversation on screen: the visitor sees their message marked as read.
    const read = visitor.locator('#beckon-root [data-testid=beckon-read]');
    await read.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await read.textContent()).toBe('Read');

    // Customer panel: exactly one active record has this email. The match is unverified, so the panel shows
    // only what the visitor typed until the agent links the record; then it shows the record.
    await agent.locator('[data-testid=tab-customer]').click();
    const panel = agent.locator('[data-testid=customer-panel]');
    await panel.waitFor({ state: 'visible' });
    const verification = panel.locator('[data-testid=customer-verification]');
    expect(await verification.getAttribute('data-verification')).toBe('unverified');
    expect(normalize((await verification.textContent()) ?? '')).toMatch(/Unverified|Non vérifié/);
    const typed = await waitForText(agent.locator('[data-testid=customer-linked]'), 'alice@example.com');
    expect(typed).not.toContain('Alice Martin');
    expect(typed).not.toContain('+33 6 12 34 56 78');
    await panel.locator('[data-testid=customer-confirm-link]').click();
    const linked = await waitForText(agent.locator('[data-testid=customer-linked]'), 'Alice Martin');
    expect(linked).toContain('alice@example.com');
    expect(linked).toContain('+33 6 12 34 56 78');
    expect(await verification.getAttribute('data-verification')).toBe('agent');

    // Additional details: where and when the chat started, the browser, and the displayable page context.
    await agent.locator('[data-testid=tab-details]').click();
    const details = agent.locator('[data-testid=details-panel]');
    await details.waitFor({ state: 'visible' });
    expect(await details.locator('[data-testid=detail-start-url]').textContent()).toContain(
      '/demo/pricing.html',
    );
    const timeOnPage = normalize(
      (await details.locator('[data-testid=detail-time-on-page]').textContent()) ?? '',
    );
    expect(parseDurationSeconds(timeOnPage), `time on page "${timeOnPage}"`).toBe(30);
    expect(await details.locator('[data-testid=detail-browser]').textContent()).toContain('Chrome');
    expect(await details.locator('[data-testid=detail-language]').textContent()).toMatch(/en/i);
    expect(await details.locator('[data-testid=context-plan]').textContent()).toContain('Pro trial');
    expect(await details.locator('[data-testid=context-cartValue]').textContent()).toContain('49');
    expect(await details.locator('[data-testid=context-internalScore]').count()).toBe(0);
    expect(
      normalize((await details.locator('[data-testid=journey-event]').first().textContent()) ?? ''),
    ).toContain('compared_plans');
    expect(await details.locator('[data-testid=journey-event]').first().textContent()).toContain('seats: 10');
  });
});
