import {
  type InvitationShown,
  loopbackAddresses,
  type SimulatedVisitor,
  spawnVisitors,
} from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type Harness, startHarness } from './harness.ts';

let h: Harness;
let visitors: SimulatedVisitor[] = [];
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await Promise.all(visitors.map((v) => v.close()));
  visitors = [];
  await h.close();
});

const spawn = (count: number, extra: { onInvitation?: (shown: InvitationShown) => void } = {}) =>
  spawnVisitors({
    wsUrl: h.wsUrl,
    widgetKey: 'demo',
    origin: h.origin,
    count,
    concurrency: 8,
    page: (i) => ({ url: `${h.origin}/demo/index.html?v=${i}`, title: 'Home' }),
    // Several source addresses, as the load benchmark spreads its sockets over 127.0.0.0/8.
    localAddresses: loopbackAddresses(3),
    retryAfterMs: 20,
    handlers: { invitation: (_v, shown) => extra.onInvitation?.(shown) },
  });

/** Real time passes until the node has handled the frames in flight (their effects are asynchronous). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

/** Each visitor views the pricing page; resolves when the node has armed its 30-second rule check. */
async function onPricing(list: SimulatedVisitor[]): Promise<void> {
  for (const v of list) v.viewPage({ url: `${h.origin}/demo/pricing.html`, title: 'Pricing' });
  const due = h.clock.now() + 30_000;
  await until(() => list.every((v) => h.node.services.proactive.pendingCheck(v.visitorId) === due));
}

describe('visitor simulator (test-kit) against a real node', () => {
  it('holds many visitors; time on page on the pricing page brings one invitation each', async () => {
    const shown: InvitationShown[] = [];
    visitors = await spawn(40, { onInvitation: (s) => shown.push(s) });
    expect(new Set(visitors.map((v) => v.visitorId)).size).toBe(40);
    expect(visitors.every((v) => v.isOpen)).toBe(true);

    await onPricing(visitors);
    await h.clock.advance(29_000);
    expect(shown).toHaveLength(0);
    await h.clock.advance(1_000);
    const invitations = await Promise.all(visitors.map((v) => v.nextInvitation(3000)));
    expect(shown).toHaveLength(40);
    expect(new Set(invitations.map((i) => i.id)).size).toBe(40);
    // The demo rule: 30 s on a pricing page; the server fired each at its due time on the fake clock.
    expect(shown.every((s) => s.serverTime === h.clock.now())).toBe(true);
    expect(visitors.every((v) => v.timeOnPageMs() >= 0)).toBe(true);
  });

  it('accepts an invitation, chats with an agent, and resends with the same client message id', async () => {
    visitors = await spawn(2);
    const [first, second] = visitors as [SimulatedVisitor, SimulatedVisitor];
    const a = await agent(h);
    await onPricing([first]);
    await h.clock.advance(30_000);
    await first.nextInvitation(3000);
    expect((await first.acceptInvitation({ name: 'Sim' })).status).toBe('waiting');
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    const { conversation } = await a.next('conversation.opened');
    expect((await first.waitForStatus('active', 3000)).id).toBe(conversation.id);

    const ack = await first.sendMessage('Hello from the simulator');
    expect(ack.attempts).toBe(1);
    const received = await a.next('message', (f) => f.message.id === ack.messageId);
    expect(received.message).toMatchObject({ text: 'Hello from the simulator', seq: ack.seq });
    const again = await first.resendMessage(ack.clientMsgId, 'Hello from the simulator');
    expect(again).toMatchObject({ messageId: ack.messageId, seq: ack.seq });

    expect((await second.startChat()).status).toBe('waiting');
    await a.close();
  });

  it('sends again what the rate limit dropped, and every message is stored once', async () => {
    visitors = await spawn(1);
    const [v] = visitors as [SimulatedVisitor];
    await v.startChat();
    let limited = 0;
    v.handlers = { error: (_v, frame) => (limited += frame.code === 'RATE_LIMITED' ? 1 : 0) };
    // 60 frames at once: the bucket holds 40 and hello and chat.start took two; 22 are dropped (RATE_LIMITED).
    const acks = Array.from({ length: 60 }, (_, i) => v.sendMessage(`m${i}`));
    await until(() => v.unacknowledged === 22);
    expect(limited).toBeGreaterThanOrEqual(22);
    // The token bucket runs on the node's (fake) clock: let it refill, then the visitor's retry goes through.
    await h.clock.advance(10_000);
    const all = await Promise.all(acks);
    expect(all.filter((a) => a.attempts > 1).length).toBeGreaterThanOrEqual(22);
    expect(all.map((a) => a.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // The simulator's transcript (the protocol's message ledger) holds each once, in seq order.
    expect(v.messages.map((m) => m.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(v.ledger.pending).toEqual([]);
    const conversation = await h.node.store.findOpenConversation(v.visitorId);
    expect(await h.node.store.listMessages(conversation!.id, 0)).toHaveLength(60);
  });

  it('hands its socket over: frames come as text, untracked, and a frame sent as text is stored', async () => {
    visitors = await spawn(1);
    const [v] = visitors as [SimulatedVisitor];
    await v.startChat();
    await v.sendMessage('tracked');
    const texts: string[] = [];
    const send = v.takeOver((text) => texts.push(text));
    send(JSON.stringify({ type: 'message.send', clientMsgId: 'raw-1', text: 'sent as text' }));
    await until(() => texts.some((t) => t.startsWith('{"type":"message.ack"')));
    expect(JSON.parse(texts.find((t) => t.startsWith('{"type":"message.ack"'))!)).toMatchObject({
      type: 'message.ack',
      clientMsgId: 'raw-1',
      seq: 2,
    });
    // The simulator no longer reads the socket: its transcript stopped at the message it sent itself.
    expect(v.messages.map((m) => m.text)).toEqual(['tracked']);
    const conversation = await h.node.store.findOpenConversation(v.visitorId);
    expect((await h.node.store.listMessages(conversation!.id, 0)).map((m) => m.text)).toEqual([
      'tracked',
      'sent as text',
    ]);
  });
});
