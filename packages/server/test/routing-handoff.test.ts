// Over 300 lines: one story of a conversation changing hands (reject, transfer, wrap-up), step after step on one node.
import type { AgentServerFrame, QueueDetail, SupervisorOverview } from '@beckon/protocol';
import { login, settle, TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, userIdOf } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';
import { storedRows } from './stored-rows.ts';

/** The wrap-up stored for the conversation: written by the node, read by no store method. */
function storedWrapUp(h: Harness, conversationId: string) {
  const rows = storedRows<{ agent_id: string; outcome: string; notes: string }>(
    h.dataDir!,
    'SELECT agent_id, outcome, notes FROM wrap_ups WHERE conversation_id = ?',
    conversationId,
  );
  const row = rows[0];
  return row && { agentId: row.agent_id, outcome: row.outcome, notes: row.notes };
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

type AgentSocket = TestSocket<AgentServerFrame>;

/** A visitor chatting with the given agent (the only available one). */
async function activeChat(a: AgentSocket) {
  await h.clock.advance(1000);
  const v = await visitor(h);
  v.send({ type: 'chat.start' });
  const { offer } = await a.next('offer.new');
  a.send({ type: 'offer.accept', offerId: offer.id });
  await a.next('conversation.opened', (f) => f.conversation.id === offer.conversationId);
  await v.next('conversation.update', (f) => f.conversation.status === 'active');
  return { v, conversationId: offer.conversationId, visitorId: v.all('welcome')[0]!.visitorId };
}

async function connectAgent(email: string): Promise<AgentSocket> {
  const cookie = await login(h.url, email, password);
  const socket = await TestSocket.connect<AgentServerFrame>(`${h.wsUrl}/v1/agent`, { cookie, origin: h.url });
  await socket.next('agent.state');
  return socket;
}

describe('disconnects', () => {
  it('a visitor gone for more than 3 minutes ends the chat; the agent wraps it up', async () => {
    const a = await agent(h);
    const chat = await activeChat(a);
    await chat.v.close();
    await h.clock.advance(179_000);
    expect(a.all('conversation.update')).toHaveLength(0);
    await h.clock.advance(1000);
    await a.next(
      'conversation.update',
      (f) => f.conversationId === chat.conversationId && f.status === 'ended',
    );
    expect((await a.next('message', (f) => f.message.author === 'system')).message.text).toMatch(/joined/);
    expect((await a.next('message', (f) => f.message.author === 'system')).message.text).toBe(
      'The visitor left the chat.',
    );

    // A reload keeps the wrap-up in front of the agent until it is done.
    const again = await connectAgent('agent@beckon.local');
    const state = again.all('agent.state')[0]!;
    expect(state.type === 'agent.state' && state.awaitingWrapUp?.map((c) => c.id)).toEqual([
      chat.conversationId,
    ]);
    again.send({ type: 'conversation.wrapUp', conversationId: chat.conversationId, outcome: 'no-response' });
    await again.next('conversation.wrappedUp');
    expect(storedWrapUp(h, chat.conversationId)).toMatchObject({
      outcome: 'no-response',
      notes: '',
      agentId: await userIdOf(h, 'agent@beckon.local'),
    });
    again.send({ type: 'conversation.wrapUp', conversationId: chat.conversationId, outcome: 'resolved' });
    expect((await again.next('error')).code).toBe('ALREADY_WRAPPED_UP');
    await Promise.all([a.close(), again.close()]);
  });

  it('a visitor back within 3 minutes keeps the chat, also with several tabs', async () => {
    const a = await agent(h);
    const chat = await activeChat(a);
    const tab2 = await visitor(h, undefined, { visitorId: chat.visitorId });
    await chat.v.close();
    await h.clock.advance(200_000);
    expect((await h.node.store.getConversation(chat.conversationId))?.status).toBe('active');
    await tab2.close();
    await h.clock.advance(120_000);
    const back = await visitor(h, undefined, { visitorId: chat.visitorId });
    await h.clock.advance(120_000);
    expect((await h.node.store.getConversation(chat.conversationId))?.status).toBe('active');
    await Promise.all([a.close(), back.close()]);
  });

  it('an agent whose connection drops gets the conversation back on reconnect, missing no message', async () => {
    const a = await agent(h);
    const chat = await activeChat(a);
    chat.v.send({ type: 'message.send', clientMsgId: 'm1', text: 'before the drop' });
    await a.next('message', (f) => f.message.text === 'before the drop');
    await a.close();
    chat.v.send({ type: 'message.send', clientMsgId: 'm2', text: 'while you were away' });
    chat.v.send({ type: 'message.send', clientMsgId: 'm3', text: 'hello?' });
    await chat.v.next('message.ack', (f) => f.clientMsgId === 'm3');
    const back = await connectAgent('agent@beckon.local');
    const state = back.all('agent.state')[0]!;
    if (state.type !== 'agent.state') throw new Error('no state');
    const conversation = state.conversations.find((c) => c.id === chat.conversationId);
    expect(conversation?.messages.filter((m) => m.author === 'visitor').map((m) => m.text)).toEqual([
      'before the drop',
      'while you were away',
      'hello?',
    ]);
    // And a client that kept its transcript asks for just what it missed.
    const lastSeen = conversation!.messages.find((m) => m.text === 'before the drop')!.seq;
    back.send({ type: 'conversation.sync', conversationId: chat.conversationId, afterSeq: lastSeen });
    const { messages } = await back.next('messages');
    expect(messages.map((m) => m.text)).toEqual(['while you were away', 'hello?']);
    back.send({ type: 'message.send', conversationId: chat.conversationId, clientMsgId: 'r1', text: 'here' });
    expect((await chat.v.next('message', (f) => f.message.text === 'here')).message.author).toBe('agent');
    await Promise.all([back.close(), chat.v.close()]);
  });
});

describe('transfer', () => {
  it('to another agent: the chat moves with its history, the visitor sees the new name', async () => {
    const a1 = await agent(h);
    const chat = await activeChat(a1);
    const a2 = await agent(h, 'agent2@beckon.local');
    const a2Id = await userIdOf(h, 'agent2@beckon.local');
    a1.send({
      type: 'conversation.transfer',
      conversationId: chat.conversationId,
      target: { kind: 'agent', agentId: a2Id },
    });
    expect((await a1.next('conversation.closed')).reason).toBe('transferred');
    const opened = await a2.next('conversation.opened');
    expect(opened.conversation.id).toBe(chat.conversationId);
    expect(opened.conversation.messages.at(-1)?.text).toBe('Alex Agent transferred the chat to Sam Support.');
    const update = await chat.v.next(
      'conversation.update',
      (f) => f.conversation.agentName === 'Sam Support',
    );
    expect(update.conversation.status).toBe('active');
    chat.v.send({ type: 'message.send', clientMsgId: 'x', text: 'hi Sam' });
    await a2.next('message', (f) => f.message.text === 'hi Sam');
    expect(a1.all('message').some((f) => f.message.text === 'hi Sam')).toBe(false);
    // The old agent no longer owns it.
    a1.send({
      type: 'message.send',
      conversationId: chat.conversationId,
      clientMsgId: 'y',
      text: 'still me',
    });
    expect((await a1.next('error')).code).toBe('CONVERSATION_NOT_FOUND');
    await Promise.all([a1.close(), a2.close(), chat.v.close()]);
  });

  it('to an agent who is not available is refused', async () => {
    const a1 = await agent(h);
    const chat = await activeChat(a1);
    a1.send({
      type: 'conversation.transfer',
      conversationId: chat.conversationId,
      target: { kind: 'agent', agentId: await userIdOf(h, 'agent2@beckon.local') },
    });
    expect((await a1.next('error')).code).toBe('TRANSFER_TARGET_UNAVAILABLE');
    expect((await h.node.store.getConversation(chat.conversationId))?.agentId).toBe(
      await userIdOf(h, 'agent@beckon.local'),
    );
    await Promise.all([a1.close(), chat.v.close()]);
  });

  it('to another queue: the chat waits there and is offered to its members', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const billing = await api<QueueDetail>(h, admin, 'POST', '/v1/queues', {
      name: 'Billing',
      memberIds: [await userIdOf(h, 'agent2@beckon.local')],
    });
    const a1 = await agent(h);
    const chat = await activeChat(a1);
    const a2 = await agent(h, 'agent2@beckon.local');
    a1.send({
      type: 'conversation.transfer',
      conversationId: chat.conversationId,
      target: { kind: 'queue', queueId: billing.body.id },
    });
    await a1.next('conversation.closed');
    const { offer } = await a2.next('offer.new');
    expect(offer.conversationId).toBe(chat.conversationId);
    expect((await h.node.store.getConversation(chat.conversationId))?.queueId).toBe(billing.body.id);
    await chat.v.next('conversation.update', (f) => f.conversation.status === 'waiting');
    a2.send({ type: 'offer.accept', offerId: offer.id });
    await a2.next('conversation.opened');
    await Promise.all([a1.close(), a2.close(), chat.v.close()]);
  });
});

describe('transfer to a queue after a reject', () => {
  it('an agent who passed on the chat in the first queue may take it in the new one; the sender may not', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const agent1 = await userIdOf(h, 'agent@beckon.local');
    const agent2 = await userIdOf(h, 'agent2@beckon.local');
    const escalations = await api<QueueDetail>(h, admin, 'POST', '/v1/queues', {
      name: 'Escalations',
      memberIds: [agent1, agent2],
    });
    // Alex is offered the chat first (Sam is offline) and passes; Sam then takes it.
    const passer = await agent(h);
    const taker = await agent(h, 'agent2@beckon.local', 'offline');
    await h.clock.advance(1000);
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    passer.send({ type: 'offer.reject', offerId: (await passer.next('offer.new')).offer.id });
    await passer.next('offer.closed');
    await h.clock.advance(1000);
    taker.send({ type: 'presence.set', status: 'available' });
    const { offer } = await taker.next('offer.new');
    taker.send({ type: 'offer.accept', offerId: offer.id });
    await taker.next('conversation.opened');
    await h.clock.advance(1000);
    taker.send({
      type: 'conversation.transfer',
      conversationId: offer.conversationId,
      target: { kind: 'queue', queueId: escalations.body.id },
    });
    await taker.next('conversation.closed');
    const again = await passer.next('offer.new', (f) => f.offer.conversationId === offer.conversationId);
    passer.send({ type: 'offer.reject', offerId: again.offer.id });
    await passer.next('offer.closed', (f) => f.offerId === again.offer.id);
    // Nobody else is left: the agent who transferred it is not offered it back.
    expect(
      taker.all('offer.new').filter((f) => f.offer.conversationId === offer.conversationId),
    ).toHaveLength(1);
    expect((await h.node.store.getConversation(offer.conversationId))?.status).toBe('waiting');
    await Promise.all([passer.close(), taker.close(), v.close()]);
  });
});

describe('wrap-up', () => {
  it('stores the outcome and notes of an ended conversation, not of an active one', async () => {
    const a = await agent(h);
    const chat = await activeChat(a);
    a.send({ type: 'conversation.wrapUp', conversationId: chat.conversationId, outcome: 'resolved' });
    expect((await a.next('error')).code).toBe('CONVERSATION_NOT_ENDED');
    a.send({ type: 'conversation.end', conversationId: chat.conversationId });
    await a.next('conversation.update', (f) => f.status === 'ended');
    a.send({
      type: 'conversation.wrapUp',
      conversationId: chat.conversationId,
      outcome: 'follow-up',
      notes: '  Call back Monday <b>re invoice</b> ',
    });
    await a.next('conversation.wrappedUp');
    expect(storedWrapUp(h, chat.conversationId)).toMatchObject({
      outcome: 'follow-up',
      notes: 'Call back Monday <b>re invoice</b>',
    });
    a.send({ type: 'conversation.wrapUp', conversationId: chat.conversationId, outcome: 'bogus' });
    expect((await a.next('error')).code).toBe('VALIDATION_FAILED');
    await Promise.all([a.close(), chat.v.close()]);
  });
});

describe('an agent socket that closes while it subscribes', () => {
  it('releases its subscription even though its close event came first', async () => {
    const bus = h.node.services.bus;
    const subscribe = bus.subscribeText.bind(bus);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let subscribing = false;
    let released = 0;
    bus.subscribeText = async (topic, handler) => {
      if (!topic.startsWith('agent:')) return subscribe(topic, handler);
      subscribing = true;
      await held;
      const stop = await subscribe(topic, handler);
      return async () => {
        released += 1;
        await stop();
      };
    };
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const socket = await TestSocket.connect<AgentServerFrame>(`${h.wsUrl}/v1/agent`, {
      cookie,
      origin: h.url,
    });
    await vi.waitFor(() => expect(subscribing).toBe(true));
    await socket.close();
    release();
    bus.subscribeText = subscribe;
    await vi.waitFor(() => expect(released).toBe(1));
  });
});

describe("a sender's own copy", () => {
  it('the tab that sent a message gets its ack, not a copy; the other tabs of visitor and agent get the copy', async () => {
    const a = await agent(h);
    const chat = await activeChat(a);
    const otherAgentTab = await connectAgent('agent@beckon.local');
    const otherVisitorTab = await visitor(h, undefined, { visitorId: chat.visitorId });
    chat.v.send({ type: 'message.send', clientMsgId: 'v1', text: 'From the visitor' });
    const ack = await chat.v.next('message.ack');
    const copy = await otherVisitorTab.next('message', (f) => f.message.text === 'From the visitor');
    expect(copy.message).toMatchObject({ id: ack.messageId, seq: ack.seq, clientMsgId: 'v1' });
    await a.next('message', (f) => f.message.text === 'From the visitor');
    a.send({
      type: 'message.send',
      conversationId: chat.conversationId,
      clientMsgId: 'a1',
      text: 'From the agent',
    });
    const agentAck = await a.next('message.ack');
    await otherAgentTab.next('message', (f) => f.message.text === 'From the agent');
    await chat.v.next('message', (f) => f.message.text === 'From the agent');
    // Everything sent after the copies has arrived, so a copy to either sender would have arrived too.
    a.send({ type: 'ping' });
    chat.v.send({ type: 'ping' });
    await a.next('pong');
    await chat.v.next('pong');
    // The senders saw no copy of their own message; each saw the other side's.
    const visitorSaw = chat.v.all('message').map((f) => `${f.message.author}: ${f.message.text}`);
    const agentSaw = a.all('message').map((f) => `${f.message.author}: ${f.message.text}`);
    expect(visitorSaw.filter((line) => !line.startsWith('system'))).toEqual(['agent: From the agent']);
    expect(agentSaw.filter((line) => !line.startsWith('system'))).toEqual(['visitor: From the visitor']);
    expect(agentAck.seq).toBe(ack.seq + 1);
    await Promise.all([a.close(), otherAgentTab.close(), chat.v.close(), otherVisitorTab.close()]);
  });
});

describe('delivered and read marks', () => {
  it('the widget reports receipts; the agent gets the marks, which only move up and survive a reload', async () => {
    const a = await agent(h);
    const chat = await activeChat(a);
    a.send({
      type: 'message.send',
      conversationId: chat.conversationId,
      clientMsgId: 'a1',
      text: 'Hi there',
    });
    const { message } = await chat.v.next('message', (f) => f.message.text === 'Hi there');
    chat.v.send({
      type: 'message.receipt',
      conversationId: chat.conversationId,
      seq: message.seq,
      status: 'delivered',
    });
    expect(await a.next('message.receipt')).toMatchObject({ seq: message.seq, status: 'delivered' });
    chat.v.send({
      type: 'message.receipt',
      conversationId: chat.conversationId,
      seq: message.seq,
      status: 'read',
    });
    expect(await a.next('message.receipt')).toMatchObject({ seq: message.seq, status: 'read' });
    // A receipt beyond the last message is capped; another visitor's conversation is refused.
    chat.v.send({ type: 'message.receipt', conversationId: chat.conversationId, seq: 999, status: 'read' });
    expect((await a.next('message.receipt')).seq).toBe(message.seq);
    const stranger = await visitor(h);
    stranger.send({ type: 'message.receipt', conversationId: chat.conversationId, seq: 1, status: 'read' });
    expect((await stranger.next('error')).code).toBe('CONVERSATION_NOT_FOUND');
    const again = await connectAgent('agent@beckon.local');
    const state = again.all('agent.state')[0]!;
    expect(state.type === 'agent.state' && state.conversations[0]?.receipts).toEqual({
      delivered: message.seq,
      read: message.seq,
      agentRead: 0,
    });
    await Promise.all([a.close(), again.close(), chat.v.close(), stranger.close()]);
  });

  it("the assigned agent's reading is shown to the visitor, capped, only moving up, and after a reload", async () => {
    const a = await agent(h);
    const chat = await activeChat(a);
    chat.v.send({ type: 'message.send', clientMsgId: 'q1', text: 'Question one' });
    chat.v.send({ type: 'message.send', clientMsgId: 'q2', text: 'Question two' });
    const second = await a.next('message', (f) => f.message.text === 'Question two');
    a.send({ type: 'conversation.read', conversationId: chat.conversationId, seq: second.message.seq - 1 });
    expect(await chat.v.next('message.read')).toEqual({
      type: 'message.read',
      conversationId: chat.conversationId,
      seq: second.message.seq - 1,
    });
    // Beyond the last message: capped. An older mark again: nothing is sent.
    a.send({ type: 'conversation.read', conversationId: chat.conversationId, seq: 999 });
    expect((await chat.v.next('message.read')).seq).toBe(second.message.seq);
    a.send({ type: 'conversation.read', conversationId: chat.conversationId, seq: 1 });
    a.send({ type: 'ping' });
    await a.next('pong');
    await settle();
    expect(chat.v.all('message.read')).toHaveLength(2);
    // A new tab of the visitor learns the mark in its welcome.
    const tab = await visitor(h, undefined, { visitorId: chat.visitorId });
    expect(tab.all('welcome')[0]?.conversation?.readSeq).toBe(second.message.seq);
    await Promise.all([a.close(), chat.v.close(), tab.close()]);
  });
});

describe('supervisor', () => {
  async function supervisorCookie() {
    await h.node.services.accounts.createUser({
      email: 'sup@beckon.local',
      name: 'Sue Pervisor',
      role: 'supervisor',
      password,
    });
    return login(h.url, 'sup@beckon.local', password);
  }

  it('sees queues, agents, open conversations and today’s funnel; agents may not', async () => {
    const sup = await supervisorCookie();
    const a = await agent(h);
    const chat = await activeChat(a);
    await h.clock.advance(1000);
    const waiting = await visitor(h);
    await h.node.store.setUserCapacity(await userIdOf(h, 'agent@beckon.local'), 1);
    waiting.send({ type: 'chat.start' });
    await waiting.next('queue.position');
    // An invitation from a page: shown, then dismissed.
    const invited = await visitor(h);
    invited.send({ type: 'invitation.request', message: 'Need a hand?' });
    const { invitation } = await invited.next('invitation.show');
    invited.send({ type: 'invitation.dismiss', invitationId: invitation.id });
    await invited.next('invitation.closed');
    await h.clock.advance(42_000);

    const answer = await api<SupervisorOverview>(h, sup, 'GET', '/v1/supervisor/overview');
    expect(answer.status).toBe(200);
    const overview = answer.body;
    expect(overview.queues).toEqual([
      expect.objectContaining({ name: 'Support', waiting: 1, longestWaitSeconds: 42, availableAgents: 1 }),
    ]);
    expect(overview.agents.find((x) => x.name === 'Alex Agent')).toMatchObject({
      presence: 'available',
      activeConversations: 1,
      capacity: 1,
    });
    expect(overview.conversations.map((c) => [c.status, c.agentName])).toEqual([
      ['active', 'Alex Agent'],
      ['waiting', undefined],
    ]);
    expect(overview.funnel).toMatchObject({ shown: 1, dismissed: 1, accepted: 0, pending: 0 });

    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, agentCookie, 'GET', '/v1/supervisor/overview')).status).toBe(403);
    expect((await fetch(`${h.url}/v1/supervisor/overview`)).status).toBe(401);
    // Agents still see who they can transfer to.
    const team = await api<{ members: { name: string; presence: string }[] }>(
      h,
      agentCookie,
      'GET',
      '/v1/team',
    );
    expect(team.body.members.find((m) => m.name === 'Alex Agent')?.presence).toBe('available');
    await Promise.all([a.close(), chat.v.close(), waiting.close(), invited.close()]);
  });

  it('joins a conversation silently and follows its messages; an agent cannot', async () => {
    await supervisorCookie();
    const a = await agent(h);
    const chat = await activeChat(a);
    const sup = await connectAgent('sup@beckon.local');
    sup.send({ type: 'conversation.join', conversationId: chat.conversationId });
    const watching = await sup.next('conversation.watching');
    expect(watching.conversation.id).toBe(chat.conversationId);
    chat.v.send({ type: 'message.send', clientMsgId: 'q', text: 'is anyone there?' });
    await sup.next('message', (f) => f.message.text === 'is anyone there?');
    a.send({ type: 'message.send', conversationId: chat.conversationId, clientMsgId: 'r', text: 'yes!' });
    await sup.next('message', (f) => f.message.text === 'yes!');
    // Silent: nobody in the conversation hears of the supervisor.
    const texts = chat.v.all('message').map((f) => f.message.text);
    expect(texts.some((t) => t.includes('Sue'))).toBe(false);
    // A supervisor's reading marks nothing for the visitor.
    const question = sup.all('message').find((f) => f.message.text === 'is anyone there?');
    sup.send({
      type: 'conversation.read',
      conversationId: chat.conversationId,
      seq: question?.message.seq ?? 1,
    });
    sup.send({ type: 'ping' });
    await sup.next('pong');
    await settle();
    expect(chat.v.all('message.read')).toHaveLength(0);
    expect((await h.node.store.getReceipts(chat.conversationId)).agentRead).toBe(0);
    a.send({ type: 'conversation.join', conversationId: chat.conversationId });
    expect((await a.next('error')).code).toBe('FORBIDDEN');
    await Promise.all([a.close(), sup.close(), chat.v.close()]);
  });
});
