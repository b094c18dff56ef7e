import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { pageViolations } from './support/a11y.ts';
import { accounts, openScreen, setPresence, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { normalize, waitForText } from './support/wait.ts';

/**
 * The Privacy screen and the customer panel, as a French-speaking admin: a retention period set (a bad one
 * refused in words), a customer's data exported with the chat's transcript, then erased from the panel after a
 * confirmation that says what goes, and gone from the store; the audit log lists it, newest first.
 */
describe('privacy in the console', () => {
  const harness = useHarness();

  test('an admin sets retention, exports and erases a customer from the panel, in French', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email, { locale: 'fr-FR' });
    await setPresence(h, admin, accounts.admin.email, 'available');

    // Retention: a bad value is refused in words, a good one is saved.
    await openScreen(admin, 'Confidentialité');
    const messages = admin.locator('[data-testid=retention-messages]');
    await waitForText(messages, 'Messages des discussions');
    await waitForText(admin.locator('#screen'), 'Conserver indéfiniment');
    const days = admin.locator('[data-testid=retention-messages-days]');
    await days.fill('0');
    await admin.locator('[data-testid=retention-save]').click();
    const issues = await waitForText(
      admin.locator('[data-testid=retention-issues]'),
      'Messages des discussions',
    );
    expect(issues).not.toMatch(/too_small|Too small/);
    await days.fill('30');
    await admin.locator('[data-testid=retention-events-forever]').check();
    await admin.locator('[data-testid=retention-save]').click();
    await waitForText(admin.locator('[data-testid=retention-saved]'), 'Enregistré');
    expect(await h.store.getRetentionSettings()).toMatchObject({ messages: 30, events: null });
    expect(await pageViolations(admin)).toEqual([]);

    // A chat with a visitor who gives a name and an e-mail; the admin creates the proposed record.
    await openScreen(admin, 'Espace de travail');
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(visitor);
    await w.launcher.click();
    await w.prechat.waitFor({ state: 'visible' });
    await w.prechatName.fill('Erin Erasable');
    await w.prechatEmail.fill('erin@example.org');
    await w.prechatSubmit.click();
    await admin.locator('[data-testid=offer-accept]').click();
    await w.input.fill('My order 4411 never came');
    await w.send.click();
    await widgetMessage(visitor, 'visitor', 'My order 4411 never came').waitFor({ state: 'visible' });
    await admin.locator('[data-testid=message][data-author=visitor]').first().waitFor({ state: 'visible' });
    await admin.locator('[data-testid=tab-customer]').click();
    const panel = admin.locator('[data-testid=customer-panel]');
    await panel.locator('[data-testid=customer-proposed] button').first().click();
    await waitForText(panel.locator('[data-testid=customer-linked]'), 'Erin Erasable');
    const [customer] = await h.store.findActiveCustomers('email', 'erin@example.org');
    expect(customer).toBeDefined();

    // Export: a JSON download with the transcript.
    const exportButton = panel.getByRole('button', { name: 'Exporter les données' });
    const [download] = await Promise.all([admin.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toBe(`beckon-customer-${customer!.id}.json`);
    const exported = JSON.parse(await readFile((await download.path()) as string, 'utf8')) as {
      customer: { email: string };
      conversations: { messages: { text: string }[] }[];
    };
    expect(exported.customer.email).toBe('erin@example.org');
    expect(exported.conversations.flatMap((c) => c.messages.map((m) => m.text))).toContain(
      'My order 4411 never came',
    );

    // Erase: the dialog says what goes; confirmed, the customer is gone.
    await panel.getByRole('button', { name: 'Effacer', exact: true }).click();
    const dialog = admin.getByRole('alertdialog');
    await waitForText(dialog, 'Effacer Erin Erasable ?');
    expect(normalize((await dialog.textContent()) ?? '')).toContain('transcriptions');
    expect(await pageViolations(admin)).toEqual([]);
    // The erasure is a second later on the node's (fake) clock than what came before: it is the newest entry.
    await h.advance(1_000);
    await dialog.getByRole('button', { name: 'Effacer définitivement' }).click();
    await expect
      .poll(async () => (await h.store.getCustomer(customer!.id)) === undefined, { timeout: 10_000 })
      .toBe(true);
    expect(await h.store.findActiveCustomers('email', 'erin@example.org')).toEqual([]);

    // The audit log, newest first, names the erasure.
    await openScreen(admin, 'Confidentialité');
    const firstRow = admin.locator('[data-testid=audit-row]').first();
    await waitForText(firstRow, 'customer.erased');
    expect(normalize((await admin.locator('[data-testid=audit-table] thead').textContent()) ?? '')).toContain(
      'Auteur',
    );
  }, 120_000);
});
