import { describe, expect, test } from 'vitest';
import { accounts, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { isShown, normalize, waitForText } from './support/wait.ts';

/** Agent messages that arrive while the chat is minimised are counted on the launcher. */
describe('unread badge', () => {
  const harness = useHarness();

  test('the launcher counts agent messages received while minimised, and clears when the chat opens', async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    const badge = visitor.locator('#beckon-root [data-testid=beckon-unread]');
    expect(await isShown(badge)).toBe(false);

    await visitor.evaluate(() => window.Beckon?.startChat());
    await w.prechatSubmit.click();
    await w.input.fill('Hello?');
    await w.send.click();
    const offer = agent.locator('[data-testid=offer]');
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    await offer.locator('[data-testid=offer-accept]').click();
    await waitForText(w.status, 'Alex');

    await visitor.locator('#beckon-root [data-testid=beckon-minimize]').click();
    await w.pane.waitFor({ state: 'hidden' });
    for (const text of ['First reply', 'Second reply']) {
      await agent.locator('[data-testid=composer]').fill(text);
      await agent.locator('[data-testid=send]').click();
    }
    await waitForText(badge, '2');
    expect(await w.launcher.getAttribute('aria-label')).toBe('Open chat (2 unread)');

    await w.launcher.click();
    await widgetMessage(visitor, 'agent', 'Second reply').waitFor({ state: 'visible' });
    expect(await isShown(badge)).toBe(false);
    expect(normalize((await w.launcher.getAttribute('aria-label')) ?? '')).toBe('Minimise chat');
  });
});
