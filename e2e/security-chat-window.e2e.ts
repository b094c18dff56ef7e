import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VisitorServerFrame } from '@beckon/protocol';
import { TestSocket } from '@beckon/test-kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { useHarness } from './support/lifecycle.ts';
import { widget } from './support/visitor.ts';
import { isShown } from './support/wait.ts';

/**
 * Session fixation through Beckon's chat window: a page on any site opens `/widget/chat-window.html` naming a
 * visitor the attacker holds a socket for (an Origin header is easy to fake outside a browser), and also answers
 * the window's handover request with a token that socket obtained. Whatever the victim types in that window
 * must never reach the attacker. The foreign page is served by a real HTTP server on another port (Chromium
 * applies its local-network rules to real servers, not to intercepted routes).
 */
describe('the chat window opened by a foreign page', () => {
  const harness = useHarness();
  let foreign: Server;
  let foreignOrigin: string;
  let page = '';

  beforeAll(async () => {
    foreign = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    foreignOrigin = `http://localhost:${(foreign.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => foreign.close(resolve));
  });

  test("the victim's messages never reach the attacker's socket", async () => {
    const h = harness();
    // The attacker's own socket, with the allowed origin faked.
    const attacker = await TestSocket.connect<VisitorServerFrame>(
      `ws://127.0.0.1:${h.port}/v1/visitor?key=demo`,
      { origin: h.origin },
    );
    attacker.send({
      type: 'hello',
      page: { url: `${h.origin}/demo/index.html`, title: 'Shop' },
      language: 'en-US',
      device: { type: 'desktop', browser: 'Chrome', os: 'Linux' },
    });
    const { visitorId } = await attacker.next('welcome');
    attacker.send({ type: 'handover.request' });
    // A server without handovers answers with an error: the attack then relies on the id in the URL alone.
    const token = await Promise.race([
      attacker.next('handover').then((frame) => frame.token),
      attacker.next('error').then(() => ''),
    ]);

    page = `<!doctype html><title>Win a prize</title><button id="go">Chat with us</button><script>
      document.getElementById('go').onclick = () => {
        const w = window.open(${JSON.stringify(`${h.origin}/widget/chat-window.html?key=demo#v=${visitorId}`)},
          'beckon-chat', 'popup,width=420,height=640');
        addEventListener('message', (event) => {
          if (event.source === w) w.postMessage({ beckonHandover: ${JSON.stringify(token)} }, ${JSON.stringify(h.origin)});
        });
      };
    </script>`;
    const context = await h.newContext();
    const victim = await context.newPage();
    await victim.goto(`${foreignOrigin}/`);
    const [popup] = await Promise.all([victim.waitForEvent('popup'), victim.locator('#go').click()]);
    const w = widget(popup);
    // The window either shows nothing or, if it ever chats, as someone other than the attacker.
    await w.prechat.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
    if (await isShown(w.prechat)) {
      await w.prechatSubmit.click();
      await w.input.fill('My card number is 4111 1111 1111 1111');
      await w.send.click();
    }
    await realDelay(1_000);

    const leaked = attacker.all('message').filter((frame) => frame.message.text.includes('4111'));
    expect(leaked).toEqual([]);
    expect(attacker.all('conversation.update')).toEqual([]);
    expect(await h.store.findOpenConversation(visitorId)).toBeUndefined();
    expect(await isShown(w.input)).toBe(false);
    await attacker.close();
  });
});
