import { describe, expect, test } from 'vitest';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { isShown } from './support/wait.ts';

/** `startChat({ inNewWindow: true })` moves the chat into Beckon's own window. */
describe('the chat in a new window', () => {
  const harness = useHarness();

  test('startChat({ inNewWindow: true }) opens Beckon’s chat window, full screen, as the same visitor', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');
    // Stored as `id.secret`: the public id is the part before the dot.
    const visitorId = await visitor.evaluate(
      () => localStorage.getItem('beckon:demo:visitor')?.split('.')[0],
    );
    const [popup] = await Promise.all([
      visitor.waitForEvent('popup'),
      visitor.evaluate(() =>
        window.Beckon?.startChat({ inNewWindow: true, customContext: { orderId: 'A-1042' } }),
      ),
    ]);
    expect(new URL(popup.url()).pathname).toBe('/widget/chat-window.html');
    const w = widget(popup);
    await w.prechat.waitFor({ state: 'visible', timeout: 15_000 });
    const box = await w.pane.boundingBox();
    const size = popup.viewportSize();
    expect(box && size && [Math.round(box.width), Math.round(box.height)]).toEqual([
      size?.width,
      size?.height,
    ]);
    await w.prechatSubmit.click();
    await w.input.fill('Hello from the chat window');
    await w.send.click();
    await widgetMessage(popup, 'visitor', 'Hello from the chat window').waitFor({ state: 'visible' });

    // The same visitor: the conversation is theirs, and the page that opened the window is not chatting itself.
    const conversation = await h.store.findOpenConversation(visitorId ?? '');
    expect(conversation).toBeDefined();
    // The window's chat carries the customContext given to startChat in the page.
    expect(JSON.stringify(conversation?.context)).toContain('A-1042');
    expect(await isShown(widget(visitor).pane)).toBe(false);
  });

  test('startProactiveChat(…, { inNewWindow: true }): accepting the invitation continues in Beckon’s window', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');
    // Stored as `id.secret`: the public id is the part before the dot.
    const visitorId = await visitor.evaluate(
      () => localStorage.getItem('beckon:demo:visitor')?.split('.')[0],
    );
    const page = widget(visitor);
    await visitor.evaluate(() =>
      window.Beckon?.startProactiveChat({ message: 'Chat in a window?' }, false, { inNewWindow: true }),
    );
    await page.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    const [popup] = await Promise.all([visitor.waitForEvent('popup'), page.invitationAccept.click()]);
    expect(new URL(popup.url()).pathname).toBe('/widget/chat-window.html');
    const w = widget(popup);
    // No pre-chat asked: the window goes straight to the conversation the accepted invitation opened.
    await w.input.waitFor({ state: 'visible', timeout: 15_000 });
    await w.input.fill('Hello from the window');
    await w.send.click();
    await widgetMessage(popup, 'visitor', 'Hello from the window').waitFor({ state: 'visible' });
    const conversation = await h.store.findOpenConversation(visitorId ?? '');
    expect(conversation?.invitationId).toBeDefined();
    expect(await isShown(page.invitation)).toBe(false);
    expect(await isShown(page.pane)).toBe(false);
  });

  test('startProactiveChat(…, true, { inNewWindow: true }): the window asks the pre-chat survey', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const page = widget(visitor);
    await visitor.evaluate(() =>
      window.Beckon?.startProactiveChat({ message: 'Hi?' }, true, { inNewWindow: true }),
    );
    await page.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    const [popup] = await Promise.all([visitor.waitForEvent('popup'), page.invitationAccept.click()]);
    const w = widget(popup);
    await w.prechat.waitFor({ state: 'visible', timeout: 15_000 });
    await w.prechatName.fill('Wendy');
    await w.prechatSubmit.click();
    await w.input.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await isShown(page.prechat)).toBe(false);
  });
});
