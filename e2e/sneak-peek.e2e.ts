import { describe, expect, test } from 'vitest';
import { widgetViolations } from './support/a11y.ts';
import { accounts, openScreen, signIn, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget } from './support/visitor.ts';
import { isShown, normalize, waitForText } from './support/wait.ts';

/**
 * Sneak peek: an admin switches it on in the widget settings; the visitor's chat window says so under the
 * message field, and the agent sees the text before it is sent, which goes once the message is.
 */
describe('sneak peek', () => {
  const harness = useHarness();

  test('switched on in the console, disclosed to the visitor, the draft reaches the agent', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email);
    await openScreen(admin, 'Widgets');
    await admin.locator('[data-testid=widget-item]').first().click();
    const toggle = admin.locator('[data-testid=sneak-peek-toggle]');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await admin.locator('[data-testid=save-widget]').click();
    await waitForText(admin.locator('[data-testid=save-status]'), 'Saved');
    expect((await h.store.getWidgetByKey('demo'))?.sneakPeek).toBe(true);

    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    await visitor.evaluate(() => window.Beckon?.startChat());
    await w.prechatName.fill('Grace');
    await w.prechatSubmit.click();
    await w.input.fill('Hello');
    await w.send.click();
    const offer = agent.locator('[data-testid=offer]');
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    await offer.locator('[data-testid=offer-accept]').click();
    await waitForText(w.status, 'Alex');

    const notice = visitor.locator('#beckon-root [data-testid=beckon-sneak-peek]');
    await waitForText(notice, 'Our team sees what you type before you send it.');
    expect(await w.input.getAttribute('aria-describedby')).toBe('beckon-sneak-peek');
    expect(await widgetViolations(visitor)).toEqual([]);

    // The first keystroke goes at once, the latest text a second later; the server admits a draft every half
    // second of its clock, which moves here only when the test moves it.
    const draft = agent.locator('[data-testid=visitor-draft]');
    await w.input.pressSequentially('My order is late');
    await expect
      .poll(
        async () => {
          await h.advance(600);
          return normalize((await draft.textContent()) ?? '');
        },
        { timeout: 10_000 },
      )
      .toBe('Not sent yet: My order is late');

    await w.send.click();
    await expect.poll(() => isShown(draft)).toBe(false);
    expect(normalize((await agent.locator('[data-testid=message]').last().textContent()) ?? '')).toContain(
      'My order is late',
    );
  });
});
