import { describe, expect, test } from 'vitest';
import { widgetViolations } from './support/a11y.ts';
import { acceptOffer, accounts, signInAvailable } from './support/console.ts';
import { useHarnessWithSmtp } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { waitForText } from './support/wait.ts';

/**
 * The transcript by e-mail: the visitor ends a chat, asks for the transcript at the address of their pre-chat
 * answers (corrected from the keyboard), and the mail reaches a real SMTP server started by the test.
 */
describe('transcript by e-mail', () => {
  const { harness, smtp: testSmtp } = useHarnessWithSmtp('Nimbus <help@nimbus.example>');

  // Two axe runs and two mails: more than the default minute on a loaded machine.
  test('the visitor ends the chat, asks for the transcript, and the e-mail arrives', {
    timeout: 120_000,
  }, async () => {
    const h = harness();
    const smtp = testSmtp();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    const part = (id: string) => visitor.locator(`#beckon-root [data-testid=${id}]`);

    await visitor.evaluate(() => window.Beckon?.startChat());
    await w.prechatName.fill('Grace');
    await w.prechatEmail.fill('grace@example');
    await w.prechatSubmit.click();
    await w.input.fill('Is the Team plan billed monthly?');
    await w.send.click();
    await acceptOffer(agent);
    await waitForText(w.status, 'Alex');
    await agent.locator('[data-testid=composer]').fill('Yes, or <b>yearly</b> with a discount.');
    await agent.locator('[data-testid=send]').click();
    await widgetMessage(visitor, 'agent', 'yearly').waitFor({ state: 'visible' });

    // The visitor ends the chat: the form offers the pre-chat address.
    await part('beckon-end').click();
    const address = part('beckon-mail-address');
    await address.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await address.inputValue()).toBe('grace@example');

    // An incomplete address is refused in words, tied to the field.
    await part('beckon-mail-submit').click();
    await waitForText(part('beckon-mail-problem'), 'Please enter an e-mail address');
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await widgetViolations(visitor)).toEqual([]);

    // Corrected from the keyboard and sent with Enter.
    await address.focus();
    await visitor.keyboard.press('End');
    await visitor.keyboard.type('.com');
    await visitor.keyboard.press('Enter');
    await waitForText(part('beckon-mail-sent'), 'The transcript is on its way to grace@example.com.');
    expect(await part('beckon-mail-sent').getAttribute('role')).toBe('status');
    expect(await widgetViolations(visitor)).toEqual([]);

    const [mail] = await smtp.waitFor(1, 10_000);
    expect(mail!.to).toMatchObject({ text: 'grace@example.com' });
    expect(mail!.subject).toBe('Your chat transcript — Nimbus Notes support');
    expect(mail!.text).toContain('You: Is the Team plan billed monthly?');
    expect(mail!.text).toContain('Alex Agent: Yes, or <b>yearly</b> with a discount.');
    expect(String(mail!.html)).toContain('Yes, or &lt;b&gt;yearly&lt;&#x2F;b&gt; with a discount.');

    // The page SDK asks for it too, and says why when it cannot.
    const refused = await visitor.evaluate(() =>
      window.Beckon?.emailTranscript('nobody').then(
        () => 'sent',
        (error: Error) => error.message,
      ),
    );
    expect(refused).toBe('VALIDATION_FAILED');
    await visitor.evaluate(() =>
      window.Microsoft?.Omnichannel?.LiveChatWidget?.SDK?.emailLiveChatTranscript({
        emailAddress: 'grace@example.org',
        attachmentMessage: 'Attachments:',
        locale: 'fr-FR',
      }),
    );
    const [, french] = await smtp.waitFor(2, 10_000);
    expect(french!.to).toMatchObject({ text: 'grace@example.org' });
    expect(french!.subject).toBe('La transcription de votre discussion — Nimbus Notes support');
  });
});
