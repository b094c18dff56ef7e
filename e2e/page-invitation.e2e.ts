import { describe, expect, test } from 'vitest';
import { useHarness } from './support/lifecycle.ts';
import { beckonEvents, visitDemoPage, widget } from './support/visitor.ts';
import { isShown, normalize } from './support/wait.ts';

/** Page code can show an invitation now, through Beckon's API or the compatibility facade. */
describe('startProactiveChat from page code', () => {
  const harness = useHarness();

  test('Beckon.startProactiveChat shows the given message at once; accepting without pre-chat opens the chat', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);

    await visitor.evaluate(() => window.Beckon!.startProactiveChat({ message: 'Custom hello' }, false));
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.invitationMessage.textContent()) ?? '')).toContain('Custom hello');
    expect(await beckonEvents(visitor)).toContain('beckon:invitationShown');

    // showPrechat is false: accepting goes straight to the conversation.
    await w.invitationAccept.click();
    await w.pane.waitFor({ state: 'visible', timeout: 10_000 });
    await w.input.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await isShown(w.prechat)).toBe(false);
    expect(await isShown(w.invitation)).toBe(false);
  });

  test('the Microsoft.Omnichannel.LiveChatWidget.SDK facade shows the invitation too', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/contact.html');
    const w = widget(visitor);

    await visitor.evaluate(() =>
      window.Microsoft!.Omnichannel!.LiveChatWidget!.SDK!.startProactiveChat(
        { message: 'Facade hello' },
        false,
      ),
    );
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.invitationMessage.textContent()) ?? '')).toContain('Facade hello');
  });

  test('the demo contact page button invites with the default wording', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/contact.html');
    const w = widget(visitor);

    await visitor.getByRole('button', { name: 'Ask me proactively' }).click();
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.invitationMessage.textContent()) ?? '')).toContain('Have any questions?');
  });
});
