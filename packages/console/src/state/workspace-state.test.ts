import type { AgentServerFrame, ChatMessage, ConversationDetail } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { initialWorkspaceState, type WorkspaceState, workspaceReducer } from './workspace-state.ts';

const detail: ConversationDetail = {
  id: 'c1',
  status: 'active',
  createdAt: 1_000,
  visitorId: 'v1',
  context: {
    startUrl: 'https://shop.example/pricing',
    startTitle: 'Pricing',
    timeOnPageMs: 30_000,
    timeOnSiteMs: 30_000,
    pagesViewed: 1,
    visitNumber: 1,
    language: 'en',
    device: { type: 'desktop' },
    location: {},
    authenticated: false,
    custom: {},
    journey: [],
  },
  customer: { status: 'none', candidates: [] },
  messages: [],
};

function visitorMessage(seq: number, conversationId = 'c1'): ChatMessage {
  return { id: `m${seq}`, conversationId, seq, author: 'visitor', text: `hi ${seq}`, createdAt: 2_000 + seq };
}

function apply(state: WorkspaceState, ...frames: AgentServerFrame[]): WorkspaceState {
  return frames.reduce(
    (s, frame) => workspaceReducer(s, { type: 'frame', frame, receivedAt: 10_000 }),
    state,
  );
}

describe('workspaceReducer', () => {
  test('offers carry the skew of their frame and go away on offer.closed', () => {
    const offer = {
      id: 'o1',
      conversationId: 'c1',
      createdAt: 50_000,
      expiresAt: 170_000,
      summary: {
        title: 'Chat',
        customerName: 'Visitor',
        startUrl: 'https://shop.example/',
        timeOnPageMs: 0,
        language: 'en',
        device: 'desktop',
        waitingSince: 50_000,
      },
    };
    const withOffer = apply(initialWorkspaceState, { type: 'offer.new', offer, serverTime: 50_000 });
    expect(withOffer.offers).toEqual([{ offer, skewMs: 40_000 }]);
    expect(apply(withOffer, { type: 'offer.closed', offerId: 'o1', reason: 'expired' }).offers).toEqual([]);
  });

  test('an accepted conversation opens selected; duplicate messages are shown once', () => {
    let state = apply(initialWorkspaceState, { type: 'conversation.opened', conversation: detail });
    expect(state.selectedId).toBe('c1');
    state = apply(
      state,
      { type: 'message', message: visitorMessage(1) },
      { type: 'message', message: visitorMessage(1) },
      { type: 'messages', conversationId: 'c1', messages: [visitorMessage(1), visitorMessage(2)] },
    );
    expect(state.conversations[0]?.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(state.conversations[0]?.unread).toBe(0);
  });

  test('visitor messages in another conversation count as unread until it is selected', () => {
    let state = apply(
      initialWorkspaceState,
      { type: 'conversation.opened', conversation: { ...detail, id: 'c2' } },
      { type: 'conversation.opened', conversation: detail },
      { type: 'message', message: visitorMessage(1, 'c2') },
      { type: 'message', message: visitorMessage(2, 'c2') },
    );
    expect(state.conversations.find((c) => c.detail.id === 'c2')?.unread).toBe(2);
    state = workspaceReducer(state, { type: 'select', conversationId: 'c2' });
    expect(state.conversations.find((c) => c.detail.id === 'c2')?.unread).toBe(0);
  });

  test('a pending message becomes a transcript message on ack, and its echo is not a duplicate', () => {
    let state = apply(initialWorkspaceState, { type: 'conversation.opened', conversation: detail });
    state = workspaceReducer(state, {
      type: 'queue-message',
      conversationId: 'c1',
      pending: { clientMsgId: 'k1', text: 'Hello', createdAt: 1 },
    });
    expect(state.conversations[0]?.pending).toHaveLength(1);
    state = apply(
      state,
      { type: 'message.ack', clientMsgId: 'k1', messageId: 'm7', seq: 7 },
      {
        type: 'message',
        message: {
          id: 'm7',
          conversationId: 'c1',
          seq: 7,
          author: 'agent',
          text: 'Hello',
          clientMsgId: 'k1',
          createdAt: 3,
        },
      },
    );
    expect(state.conversations[0]?.pending).toEqual([]);
    expect(state.conversations[0]?.messages.map((m) => [m.id, m.text])).toEqual([['m7', 'Hello']]);
  });

  test('an echo that arrives before the ack settles the pending message too', () => {
    let state = apply(initialWorkspaceState, { type: 'conversation.opened', conversation: detail });
    state = workspaceReducer(state, {
      type: 'queue-message',
      conversationId: 'c1',
      pending: { clientMsgId: 'k1', text: 'Hello', createdAt: 1 },
    });
    state = apply(state, {
      type: 'message',
      message: {
        id: 'm7',
        conversationId: 'c1',
        seq: 7,
        author: 'agent',
        text: 'Hello',
        clientMsgId: 'k1',
        createdAt: 3,
      },
    });
    expect(state.conversations[0]?.pending).toEqual([]);
  });

  test('an error frame naming a pending message marks it failed', () => {
    let state = apply(initialWorkspaceState, { type: 'conversation.opened', conversation: detail });
    state = workspaceReducer(state, {
      type: 'queue-message',
      conversationId: 'c1',
      pending: { clientMsgId: 'k1', text: 'Hello', createdAt: 1 },
    });
    state = apply(state, {
      type: 'error',
      code: 'CONVERSATION_ENDED',
      message: 'The conversation has ended.',
      ref: 'k1',
    });
    expect(state.conversations[0]?.pending[0]?.failed).toBe(true);
    expect(state.notice).toBe('The conversation has ended.');
  });

  test('agent.state after a reconnect merges instead of replacing', () => {
    let state = apply(initialWorkspaceState, {
      type: 'conversation.opened',
      conversation: { ...detail, messages: [visitorMessage(1)] },
    });
    state = apply(state, {
      type: 'agent.state',
      serverTime: 10_000,
      agent: { id: 'a1', name: 'Alex', role: 'agent' },
      presence: 'available',
      offers: [],
      conversations: [{ ...detail, messages: [visitorMessage(1), visitorMessage(2)] }],
    });
    expect(state.presence).toBe('available');
    expect(state.conversations).toHaveLength(1);
    expect(state.conversations[0]?.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  test('customer.match and conversation.update change the conversation', () => {
    const state = apply(
      initialWorkspaceState,
      { type: 'conversation.opened', conversation: detail },
      {
        type: 'customer.match',
        conversationId: 'c1',
        match: {
          status: 'linked',
          method: 'manual',
          customer: { id: 'k', name: 'Alice', active: true },
          candidates: [],
        },
      },
      { type: 'conversation.update', conversationId: 'c1', status: 'ended' },
    );
    expect(state.conversations[0]?.detail.customer.status).toBe('linked');
    expect(state.conversations[0]?.detail.status).toBe('ended');
  });

  test('a transferred-away or wrapped-up conversation leaves the list', () => {
    const two = apply(
      initialWorkspaceState,
      { type: 'conversation.opened', conversation: detail },
      { type: 'conversation.opened', conversation: { ...detail, id: 'c2' } },
    );
    const transferred = apply(two, {
      type: 'conversation.closed',
      conversationId: 'c2',
      reason: 'transferred',
    });
    expect(transferred.conversations.map((c) => c.detail.id)).toEqual(['c1']);
    expect(transferred.selectedId).toBe('c1');
    const wrapped = apply(transferred, { type: 'conversation.wrappedUp', conversationId: 'c1' });
    expect(wrapped.conversations).toEqual([]);
  });

  test('conversations awaiting wrap-up come back with the state after a reload', () => {
    const state = apply(initialWorkspaceState, {
      type: 'agent.state',
      serverTime: 10_000,
      agent: { id: 'u1', name: 'Ada', role: 'agent' },
      presence: 'available',
      offers: [],
      conversations: [detail],
      awaitingWrapUp: [{ ...detail, id: 'c0', status: 'ended' }],
    });
    expect(state.conversations.map((c) => [c.detail.id, c.detail.status])).toEqual([
      ['c1', 'active'],
      ['c0', 'ended'],
    ]);
  });

  test('a watched conversation is marked and selected, and keeps receiving messages', () => {
    const state = apply(
      initialWorkspaceState,
      { type: 'conversation.watching', conversation: detail },
      { type: 'message', message: visitorMessage(1) },
    );
    expect(state.selectedId).toBe('c1');
    expect(state.conversations[0]).toMatchObject({ watching: true });
    expect(state.conversations[0]?.messages.map((m) => m.seq)).toEqual([1]);
  });

  test('receipt marks only move up, and read raises delivered', () => {
    const open = apply(initialWorkspaceState, { type: 'conversation.opened', conversation: detail });
    const marked = apply(
      open,
      { type: 'message.receipt', conversationId: 'c1', seq: 3, status: 'delivered' },
      { type: 'message.receipt', conversationId: 'c1', seq: 2, status: 'delivered' },
      { type: 'message.receipt', conversationId: 'c1', seq: 5, status: 'read' },
    );
    expect(marked.conversations[0]?.detail.receipts).toEqual({ delivered: 5, read: 5 });
  });
});

describe('typing and survey frames', () => {
  test('the visitor typing shows until their message arrives, and the survey lands on its conversation', () => {
    let state = apply(initialWorkspaceState, { type: 'conversation.opened', conversation: detail });
    state = workspaceReducer(state, {
      type: 'frame',
      receivedAt: 2_000,
      frame: { type: 'typing', conversationId: 'c1', typing: true },
    });
    expect(state.conversations[0]).toMatchObject({ visitorTyping: true, visitorTypingAt: 2_000 });
    state = apply(state, { type: 'message', message: visitorMessage(1) });
    expect(state.conversations[0]?.visitorTyping).toBe(false);
    state = apply(state, { type: 'survey', conversationId: 'c1', rating: 5, comment: 'Great' });
    expect(state.conversations[0]?.survey).toEqual({ rating: 5, comment: 'Great' });
    expect(apply(state, { type: 'survey', conversationId: 'other', rating: 1 })).toBe(state);
  });

  test("sneak peek: the visitor's draft follows their typing, survives a throttled frame, and goes when sent", () => {
    let state = apply(initialWorkspaceState, { type: 'conversation.opened', conversation: detail });
    state = apply(state, { type: 'typing', conversationId: 'c1', typing: true, draft: 'My order' });
    expect(state.conversations[0]?.visitorDraft).toBe('My order');
    state = apply(state, { type: 'typing', conversationId: 'c1', typing: true });
    expect(state.conversations[0]?.visitorDraft).toBe('My order');
    state = apply(state, { type: 'typing', conversationId: 'c1', typing: true, draft: 'My order is late' });
    state = apply(state, { type: 'message', message: visitorMessage(1) });
    expect(state.conversations[0]?.visitorDraft).toBeUndefined();
    state = apply(state, { type: 'typing', conversationId: 'c1', typing: true, draft: 'And' });
    state = apply(state, { type: 'typing', conversationId: 'c1', typing: false });
    expect(state.conversations[0]?.visitorDraft).toBeUndefined();
  });
});
