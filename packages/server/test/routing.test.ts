import type { AgentServerFrame, VisitorServerFrame } from '@beckon/protocol';
import type { TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agent, type Harness, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Which of two agents got the first offer (without leaving a waiter behind on the other). */
async function firstOffered(a1: TestSocket<AgentServerFrame>, a2: TestSocket<AgentServerFrame>) {
  await vi.waitFor(() => expect(a1.all('offer.new').length + a2.all('offer.new').length).toBe(1));
  const [firstAgent, secondAgent] = a1.all('offer.new').length ? [a1, a2] : [a2, a1];
  return { firstAgent, secondAgent, first: await firstAgent.next('offer.new') };
}

async function acceptedInvitation(v: TestSocket<VisitorServerFrame>, prechat?: Record<string, string>) {
  await h.clock.advance(30_000);
  const { invitation } = await v.next('invitation.show');
  v.send({ type: 'invitation.accept', invitationId: invitation.id, prechat });
  return (await v.next('conversation.update')).conversation.id;
}

describe('offers and assignment', () => {
  it('notifies an available agent with the summary and a 120 s countdown', async () => {
    const a = await agent(h);
    const v = await visitor(h);
    const conversationId = await acceptedInvitation(v, { email: 'alice@example.com' });
    const { offer } = await a.next('offer.new');
    expect(offer.conversationId).toBe(conversationId);
    expect(offer.expiresAt - offer.createdAt).toBe(120_000);
    // A pre-chat e-mail proves nothing: the offer does not name the record's owner and says the match is unverified.
    expect(offer.summary).toMatchObject({
      customerName: 'Visitor',
      customerVerification: 'unverified',
      startUrl: `${h.origin}/demo/pricing.html`,
      timeOnPageMs: 30_000,
      ruleName: '30 s on a pricing page',
      language: 'en-GB',
    });
    await Promise.all([a.close(), v.close()]);
  });

  it('timeout re-offers to the next agent; reject moves on too; accept joins both sides', async () => {
    const a1 = await agent(h, 'agent@beckon.local');
    const a2 = await agent(h, 'agent2@beckon.local');
    const v = await visitor(h);
    await acceptedInvitation(v);
    const { firstAgent, secondAgent, first } = await firstOffered(a1, a2);
    await h.clock.advance(119_999);
    expect(secondAgent.all('offer.new')).toHaveLength(0);
    await h.clock.advance(1);
    expect(await firstAgent.next('offer.closed')).toMatchObject({
      offerId: first.offer.id,
      reason: 'expired',
    });
    const second = await secondAgent.next('offer.new');
    secondAgent.send({ type: 'offer.accept', offerId: second.offer.id });
    const opened = await secondAgent.next('conversation.opened');
    expect(opened.conversation.status).toBe('active');
    const status = await v.next('conversation.update', (f) => f.conversation.status === 'active');
    expect(status.conversation.agentName).toBeTruthy();
    firstAgent.send({ type: 'offer.accept', offerId: first.offer.id });
    expect((await firstAgent.next('error')).code).toBe('OFFER_CLOSED');
    await Promise.all([a1.close(), a2.close(), v.close()]);
  });

  it('reject offers to the next available agent', async () => {
    const a1 = await agent(h, 'agent@beckon.local');
    const a2 = await agent(h, 'agent2@beckon.local');
    const v = await visitor(h);
    await acceptedInvitation(v);
    const { firstAgent, secondAgent, first } = await firstOffered(a1, a2);
    firstAgent.send({ type: 'offer.reject', offerId: first.offer.id });
    expect(await firstAgent.next('offer.closed')).toMatchObject({ reason: 'rejected' });
    await secondAgent.next('offer.new');
    await Promise.all([a1.close(), a2.close(), v.close()]);
  });

  it('a waiting conversation is offered when an agent becomes available', async () => {
    const v = await visitor(h);
    await acceptedInvitation(v);
    const a = await agent(h, 'agent@beckon.local', 'offline');
    expect(a.all('offer.new')).toHaveLength(0);
    a.send({ type: 'presence.set', status: 'available' });
    await a.next('offer.new');
    await Promise.all([a.close(), v.close()]);
  });

  it("an accept's publishes go out together, not one after the other's answer", async () => {
    const a = await agent(h);
    const v = await visitor(h);
    await acceptedInvitation(v);
    const { offer } = await a.next('offer.new');
    // Every publish is delivered, but its answer (Redis's, on a cluster) is held until the end.
    const bus = h.node.services.bus;
    const { publish, publishToEach } = bus;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    bus.publish = async (topic, payload) => {
      await publish.call(bus, topic, payload);
      await held;
    };
    bus.publishToEach = async (topics, payload) => {
      await publishToEach.call(bus, topics, payload);
      await held;
    };
    try {
      a.send({ type: 'offer.accept', offerId: offer.id });
      expect(await a.next('offer.closed')).toMatchObject({ offerId: offer.id, reason: 'accepted' });
      expect((await a.next('message')).message).toMatchObject({
        author: 'system',
        text: 'Alex Agent joined the chat.',
      });
      expect((await a.next('conversation.opened')).conversation.status).toBe('active');
      await v.next('conversation.update', (f) => f.conversation.status === 'active');
    } finally {
      bus.publish = publish;
      bus.publishToEach = publishToEach;
      release();
    }
    await Promise.all([a.close(), v.close()]);
  });

  it('exactly one of many concurrent accepts of the same conversation wins', async () => {
    const v = await visitor(h);
    const conversationId = await acceptedInvitation(v);
    const users = await h.node.store.listUsers();
    const results = await Promise.all(
      users.map((user) =>
        h.node.store.assignConversationWithinCapacity(conversationId, user.id, h.clock.now()),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    await v.close();
  });
});

describe('chatting', () => {
  async function activeChat() {
    const a = await agent(h);
    const v = await visitor(h);
    const conversationId = await acceptedInvitation(v);
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    await a.next('conversation.opened');
    return { a, v, conversationId };
  }

  it('relays messages both ways, stored first, with gapless sequence numbers and idempotent resends', async () => {
    const { a, v, conversationId } = await activeChat();
    v.send({ type: 'message.send', clientMsgId: 'c1', text: 'Hi, I need a plan for 10 people' });
    const ack = await v.next('message.ack');
    const atAgent = await a.next('message', (f) => f.message.author === 'visitor');
    expect(atAgent.message).toMatchObject({ text: 'Hi, I need a plan for 10 people', seq: ack.seq });
    v.send({ type: 'message.send', clientMsgId: 'c1', text: 'Hi, I need a plan for 10 people' });
    expect((await v.next('message.ack')).seq).toBe(ack.seq);
    a.send({ type: 'message.send', conversationId, clientMsgId: 'a1', text: 'Hello from Alex' });
    await a.next('message.ack');
    const atVisitor = await v.next('message', (f) => f.message.author === 'agent');
    expect(atVisitor.message.text).toBe('Hello from Alex');
    const stored = await h.node.store.listMessages(conversationId, 0);
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.filter((m) => m.clientMsgId === 'c1')).toHaveLength(1);
    await Promise.all([a.close(), v.close()]);
  });

  it('a reconnecting visitor gets only what it missed', async () => {
    const { a, v, conversationId } = await activeChat();
    const joined = await v.next('message', (f) => f.message.author === 'system');
    const lastSeq = joined.message.seq;
    const visitorId = v.all('welcome')[0]!.visitorId;
    await v.close();
    a.send({ type: 'message.send', conversationId, clientMsgId: 'a2', text: 'Are you still there?' });
    await a.next('message.ack');
    const again = await visitor(h, undefined, { visitorId, lastSeq });
    const welcome = again.all('welcome')[0]!;
    expect(welcome.conversation?.status).toBe('active');
    expect(welcome.messages.map((m) => m.text)).toEqual(['Are you still there?']);
    await Promise.all([a.close(), again.close()]);
  });

  it('ending the chat tells both sides', async () => {
    const { a, v, conversationId } = await activeChat();
    a.send({ type: 'conversation.end', conversationId });
    expect(await a.next('conversation.update')).toMatchObject({ status: 'ended' });
    await v.next('conversation.update', (f) => f.conversation.status === 'ended');
    v.send({ type: 'message.send', clientMsgId: 'late', text: 'hello?' });
    expect((await v.next('error')).code).toBe('NO_CHAT_OPEN');
    await Promise.all([a.close(), v.close()]);
  });

  it('an agent cannot read or write a conversation that is not theirs', async () => {
    const { a, v, conversationId } = await activeChat();
    const other = await agent(h, 'agent2@beckon.local');
    other.send({ type: 'message.send', conversationId, clientMsgId: 'x', text: 'intrusion' });
    expect((await other.next('error')).code).toBe('CONVERSATION_NOT_FOUND');
    await Promise.all([a.close(), v.close(), other.close()]);
  });
});
