import type { AgentServerFrame } from '@beckon/protocol';
import { login, settle, type TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftMinIntervalMs } from '../src/domain/conversations/typing.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

/** Sneak peek: what a visitor types reaches the agent only when the widget says so, at a bounded rate. */

let h: Harness;
let admin: string;
beforeEach(async () => {
  h = await startHarness();
  admin = await login(h.url, 'admin@beckon.local', password);
});
afterEach(async () => {
  await h.close();
});

async function setSneakPeek(on: boolean): Promise<void> {
  const response = await fetch(`${h.url}/v1/widgets/${h.demoWidgetId}`, {
    method: 'PATCH',
    headers: { cookie: admin, origin: h.url, 'content-type': 'application/json' },
    body: JSON.stringify({ sneakPeek: on }),
  });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { sneakPeek: boolean }).sneakPeek).toBe(on);
}

async function activeChat() {
  const a = await agent(h);
  const v = await visitor(h);
  v.send({ type: 'chat.start' });
  const { offer } = await a.next('offer.new');
  a.send({ type: 'offer.accept', offerId: offer.id });
  const { conversation } = await a.next('conversation.opened');
  await v.next('conversation.update', (f) => f.conversation.status === 'active');
  return { a, v, conversationId: conversation.id };
}

const typings = (a: TestSocket<AgentServerFrame>) => a.all('typing');

describe('sneak peek', () => {
  it('is off by default: the typing indicator goes, the draft does not, and the widget is told nothing', async () => {
    const { a, v, conversationId } = await activeChat();
    expect(v.all('welcome')[0]!.widget.sneakPeek).toBeUndefined();
    v.send({ type: 'typing', typing: true, draft: 'my card number is' });
    expect(await a.next('typing')).toEqual({ type: 'typing', conversationId, typing: true });
    await Promise.all([a.close(), v.close()]);
  });

  it('when on, the widget is told and the agent sees the draft, at most one every half second', async () => {
    await setSneakPeek(true);
    const { a, v, conversationId } = await activeChat();
    expect(v.all('welcome')[0]!.widget.sneakPeek).toBe(true);

    v.send({ type: 'typing', typing: true, draft: 'Hello, I' });
    expect(await a.next('typing')).toEqual({
      type: 'typing',
      conversationId,
      typing: true,
      draft: 'Hello, I',
    });
    // Too soon after the last one: the indicator still goes, without the text.
    v.send({ type: 'typing', typing: true, draft: 'Hello, I would' });
    await a.next('typing', () => typings(a).length === 2);
    expect(typings(a)[1]).toEqual({ type: 'typing', conversationId, typing: true });
    await h.clock.advance(draftMinIntervalMs);
    v.send({ type: 'typing', typing: true, draft: 'Hello, I would like' });
    await a.next('typing', () => typings(a).length === 3);
    expect(typings(a)[2]).toMatchObject({ draft: 'Hello, I would like' });

    // Switched off while the chat goes on: drafts stop at once, not at the visitor's next page.
    await setSneakPeek(false);
    await h.clock.advance(draftMinIntervalMs);
    v.send({ type: 'typing', typing: true, draft: 'Hello, I would like to' });
    await a.next('typing', () => typings(a).length === 4);
    expect(typings(a)[3]).toEqual({ type: 'typing', conversationId, typing: true });
    await settle();
    await Promise.all([a.close(), v.close()]);
  });

  it('refuses a draft longer than the protocol allows, and the socket stays open', async () => {
    await setSneakPeek(true);
    const { a, v } = await activeChat();
    v.send({ type: 'typing', typing: true, draft: 'x'.repeat(501) });
    expect((await v.next('error')).code).toBe('VALIDATION_FAILED');
    v.send({ type: 'typing', typing: true, draft: 'still here' });
    expect(await a.next('typing')).toMatchObject({ draft: 'still here' });
    await Promise.all([a.close(), v.close()]);
  });
});
