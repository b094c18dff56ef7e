import { describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { accounts, openScreen, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { isShown } from './support/wait.ts';

/** With Proactive chat off, no invitation is ever shown, but the chat channel still works. */
describe('the Proactive chat switch', () => {
  const harness = useHarness();

  test('switched off by an admin, the pricing rule never invites; a chat can still be started', async () => {
    const h = harness();

    const admin = await signIn(h, accounts.admin.email);
    await openScreen(admin, 'Widgets');
    const toggle = admin.locator('[data-testid=proactive-toggle]');
    // The admin screen may list widgets first; open "Demo shop" if its form is not showing yet.
    if (!(await toggle.isVisible())) {
      await toggle
        .or(admin.getByText('Demo shop').first())
        .first()
        .waitFor({ state: 'visible', timeout: 10_000 });
      if (!(await toggle.isVisible())) await admin.getByText('Demo shop').first().click();
    }
    await toggle.waitFor({ state: 'attached', timeout: 10_000 });
    expect(await toggle.isChecked()).toBe(true);
    // A styled switch may hide the native checkbox; fall back to a DOM click, which still fires `change`.
    await toggle
      .setChecked(false, { timeout: 3_000 })
      .catch(() => toggle.evaluate((el) => (el as HTMLInputElement).click()));
    expect(await toggle.isChecked()).toBe(false);
    await admin.locator('[data-testid=save-widget]').click();
    await admin.locator('[data-testid=save-status]').waitFor({ state: 'visible', timeout: 10_000 });

    // The server has the new setting before any visitor arrives, and saving one switch kept everything else.
    const deadline = Date.now() + 10_000;
    let saved = await h.store.getWidgetByKey('demo');
    while (saved?.proactiveEnabled !== false) {
      if (Date.now() > deadline) throw new Error('the server never stored Proactive chat = off for "demo"');
      await realDelay(100);
      saved = await h.store.getWidgetByKey('demo');
    }
    expect(saved.enabled).toBe(true);
    expect(saved.allowedOrigins).toContain(h.origin);
    expect(saved.prechatFields.map((field) => field.name)).toEqual(['name', 'email']);

    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(visitor);
    await h.advance(30_000);
    await realDelay(500);
    expect(await isShown(w.invitation)).toBe(false);

    // The launcher still opens a chat.
    expect(await isShown(w.launcher)).toBe(true);
    await w.launcher.click();
    await w.pane.waitFor({ state: 'visible', timeout: 10_000 });
    await w.prechat.or(w.input).first().waitFor({ state: 'visible', timeout: 10_000 });
    if (await isShown(w.prechat)) await w.prechatSubmit.click();
    await w.input.waitFor({ state: 'visible', timeout: 10_000 });
    await w.input.fill('Hello, anyone there?');
    await w.send.click();
    await widgetMessage(visitor, 'visitor', 'Hello, anyone there?').waitFor({
      state: 'visible',
      timeout: 10_000,
    });

    const widgetRow = await h.store.getWidgetByKey('demo');
    const waiting = await h.store.listWaitingConversations(widgetRow!.queueId);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.invitationId).toBeUndefined();
  });
});
