import { describe, expect, test } from 'vitest';
import { widgetViolations } from './support/a11y.ts';
import { accounts, signInAvailable } from './support/console.ts';
import { useHarnessWithSmtp } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { isShown, normalize, waitForText } from './support/wait.ts';

/**
 * "Never strand a visitor": with every agent offline the demo page invites nobody; the visitor who opens the
 * chat is offered a form instead of a queue position and leaves a message; an agent who signs in later finds it
 * in the console and answers, and the answer reaches the visitor at a real SMTP server started by the test.
 */
describe('leave a message when nobody can answer', () => {
  const { harness, smtp: testSmtp } = useHarnessWithSmtp('Nimbus <help@nimbus.example>', () => ({
    keepAnswerableGate: true,
  }));

  test('no invitation while everyone is offline; the message left is answered by e-mail', async () => {
    const h = harness();
    const smtp = testSmtp();
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(visitor);
    const part = (id: string) => visitor.locator(`#beckon-root [data-testid=${id}]`);

    // The rule "30 s on a pricing page" matches, but nobody could answer: no invitation.
    await h.advance(60_000);
    expect(await isShown(w.invitation)).toBe(false);

    // The visitor asks to chat anyway (the demo widget asks who they are first): a form, not a queue position,
    // which starts with the answers already given.
    await w.launcher.click();
    await w.prechat.waitFor({ state: 'visible', timeout: 10_000 });
    await w.prechatName.fill('Zoé Martin');
    await w.prechatEmail.fill('zoe@example');
    await w.prechatSubmit.click();
    const form = part('beckon-leave');
    await form.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await form.textContent()) ?? '')).toContain('Nobody can answer right now');

    expect(await part('beckon-leave-name').inputValue()).toBe('Zoé Martin');
    expect(await part('beckon-leave-email').inputValue()).toBe('zoe@example');
    expect(await isShown(part('beckon-status'))).toBe(false);

    // The protocol's rules, said in the pane's language, before anything is sent.
    await part('beckon-leave-submit').click();
    await waitForText(part('beckon-leave-email-problem'), 'Please enter an e-mail address');
    expect(await part('beckon-leave-text-problem').textContent()).toBe('Please fill in this field.');
    expect(smtp.received).toHaveLength(0);
    // The form, its problems shown, is as accessible as the rest of the pane.
    expect(await widgetViolations(visitor)).toEqual([]);

    await part('beckon-leave-email').fill('zoe@example.com');
    await part('beckon-leave-text').fill('Can 12 people share the Pro plan? <b>urgent</b>');
    await part('beckon-leave-submit').click();
    await waitForText(w.status, 'We will answer by e-mail at zoe@example.com');
    const [copy] = await smtp.waitFor(1, 10_000);
    expect(copy!.to).toMatchObject({ text: 'zoe@example.com' });
    expect(copy!.text).toContain('Can 12 people share the Pro plan? <b>urgent</b>');

    // Later, an agent signs in: the left message is offered, marked as such, and answered.
    const agent = await signInAvailable(h, accounts.agent.email);
    const offer = agent.locator('[data-testid=offer]');
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await offer.locator('[data-testid=offer-origin]').textContent()) ?? '')).toContain(
      'Message left while nobody could answer',
    );
    await offer.locator('[data-testid=offer-accept]').click();
    await agent
      .locator('[data-testid=conversation-left-message]')
      .waitFor({ state: 'visible', timeout: 10_000 });
    await agent
      .locator('[data-testid=message][data-author=visitor]', { hasText: 'Can 12 people share the Pro plan?' })
      .waitFor({ state: 'visible', timeout: 10_000 });

    await agent.locator('[data-testid=composer]').fill('Yes: the Pro plan has no seat limit.');
    await agent.locator('[data-testid=send]').click();
    // The visitor still on the page sees it too.
    await widgetMessage(visitor, 'agent', 'no seat limit').waitFor({ state: 'visible', timeout: 10_000 });

    const [, reply] = await smtp.waitFor(2, 10_000);
    expect(reply!.to).toMatchObject({ text: 'zoe@example.com' });
    expect(reply!.from).toMatchObject({ text: '"Nimbus" <help@nimbus.example>' });
    expect(reply!.subject).toContain('Reply to your message');
    expect(reply!.text).toContain(
      'Alex Agent replied to your message:\n\nYes: the Pro plan has no seat limit.',
    );
    expect(reply!.html).toBe(false);
  });
});
