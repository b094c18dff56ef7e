import type {
  AgentServerFrame,
  ChatMessage,
  ConversationDetail,
  CustomerMatch,
  Offer,
  Presence,
  Role,
} from '@beckon/protocol';
import {
  acknowledge,
  fail,
  type MessageLedger,
  type OutgoingMessage,
  queue,
  receive,
} from '@beckon/protocol/message-ledger';
import type { SocketStatus } from '../api/agent-socket.ts';
import { clockSkew } from '../format.ts';

/** Everything the agent workspace shows, changed only by `workspaceReducer` (pure, so it is unit-tested). */

/** A conversation's messages are a message ledger: stored ones once each in seq order, then the agent's unacknowledged ones. */
export interface ConversationState extends MessageLedger<ChatMessage> {
  detail: Omit<ConversationDetail, 'messages'>;
  unread: number;
  /** The visitor's typing indicator (cleared by their next message or a `typing: false`). */
  visitorTyping?: boolean;
  /**
   * When the last `typing: true` arrived: the widget repeats it every 3 s while keys are pressed, so one older
   * than a few seconds means the visitor left without a `false` (tab closed, network gone).
   */
  visitorTypingAt?: number;
  /** Sneak peek: what the visitor has typed and not sent yet (only when the widget has sneak peek on). */
  visitorDraft?: string;
  /** The visitor's post-chat survey, once they answered it. */
  survey?: { rating: number; comment?: string };
  /** A supervisor's silent view: read-only, nobody in the conversation knows. */
  watching?: boolean;
}

/** An offer and the clock skew measured on the frame that brought it. */
export interface TimedOffer {
  offer: Offer;
  skewMs: number;
}

export interface WorkspaceState {
  status: SocketStatus;
  agent: { id: string; name: string; role: Role } | undefined;
  presence: Presence;
  skewMs: number;
  offers: TimedOffer[];
  conversations: ConversationState[];
  selectedId: string | undefined;
  notice: string | undefined;
}

export type WorkspaceAction =
  | { type: 'frame'; frame: AgentServerFrame; receivedAt: number }
  | { type: 'status'; status: SocketStatus }
  | { type: 'select'; conversationId: string }
  | { type: 'queue-message'; conversationId: string; pending: OutgoingMessage }
  | { type: 'presence-requested'; status: Presence }
  | { type: 'dismiss-conversation'; conversationId: string }
  | { type: 'customer-match'; conversationId: string; match: CustomerMatch }
  | { type: 'clear-notice' };

export const initialWorkspaceState: WorkspaceState = {
  status: 'connecting',
  agent: undefined,
  presence: 'offline',
  skewMs: 0,
  offers: [],
  conversations: [],
  selectedId: undefined,
  notice: undefined,
};

function fromDetail(detail: ConversationDetail, previous: ConversationState | undefined): ConversationState {
  const { messages, ...rest } = detail;
  // What the frame does not carry (typing, survey, a watch) starts afresh; the transcript and unread count stay.
  const base = {
    messages: previous?.messages ?? [],
    pending: previous?.pending ?? [],
    unread: previous?.unread ?? 0,
  };
  return receive({ ...base, detail: rest }, messages);
}

function upsertConversation(state: WorkspaceState, detail: ConversationDetail): ConversationState[] {
  const index = state.conversations.findIndex((c) => c.detail.id === detail.id);
  const next = fromDetail(detail, state.conversations[index]);
  if (index === -1) return [...state.conversations, next];
  return state.conversations.map((c, i) => (i === index ? next : c));
}

function updateConversation(
  state: WorkspaceState,
  conversationId: string,
  change: (conversation: ConversationState) => ConversationState,
): WorkspaceState {
  let changed = false;
  const conversations = state.conversations.map((c) => {
    if (c.detail.id !== conversationId) return c;
    const next = change(c);
    if (next !== c) changed = true;
    return next;
  });
  return changed ? { ...state, conversations } : state;
}

function countVisitor(messages: readonly ChatMessage[]): number {
  return messages.reduce((n, m) => (m.author === 'visitor' ? n + 1 : n), 0);
}

function addMessages(state: WorkspaceState, conversationId: string, incoming: ChatMessage[]): WorkspaceState {
  return updateConversation(state, conversationId, (c) => {
    const next = receive(c, incoming);
    if (next === c) return c;
    const fromVisitor = countVisitor(next.messages) - countVisitor(c.messages);
    const unseen = state.selectedId === conversationId ? 0 : fromVisitor;
    // A message from the visitor ends their typing.
    const visitorTyping = fromVisitor > 0 ? false : c.visitorTyping;
    const visitorDraft = fromVisitor > 0 ? undefined : c.visitorDraft;
    return { ...next, unread: c.unread + unseen, visitorTyping, visitorDraft };
  });
}

function onFrame(state: WorkspaceState, frame: AgentServerFrame, receivedAt: number): WorkspaceState {
  switch (frame.type) {
    case 'agent.state': {
      const skewMs = clockSkew(frame.serverTime, receivedAt);
      let next: WorkspaceState = {
        ...state,
        agent: frame.agent,
        presence: frame.presence,
        skewMs,
        offers: frame.offers.map((offer) => ({ offer, skewMs })),
      };
      for (const detail of [...frame.conversations, ...(frame.awaitingWrapUp ?? [])])
        next = { ...next, conversations: upsertConversation(next, detail) };
      return { ...next, selectedId: next.selectedId ?? next.conversations[0]?.detail.id };
    }
    case 'presence':
      return { ...state, presence: frame.status };
    case 'offer.new': {
      const skewMs = clockSkew(frame.serverTime, receivedAt);
      const others = state.offers.filter((o) => o.offer.id !== frame.offer.id);
      return { ...state, skewMs, offers: [...others, { offer: frame.offer, skewMs }] };
    }
    case 'offer.closed':
      return { ...state, offers: state.offers.filter((o) => o.offer.id !== frame.offerId) };
    case 'conversation.opened':
      return {
        ...state,
        conversations: upsertConversation(state, frame.conversation),
        // Accepting an offer is a request to see that conversation.
        selectedId: frame.conversation.id,
        offers: state.offers.filter((o) => o.offer.conversationId !== frame.conversation.id),
      };
    case 'conversation.update':
      return updateConversation(state, frame.conversationId, (c) =>
        c.detail.status === frame.status ? c : { ...c, detail: { ...c.detail, status: frame.status } },
      );
    case 'message.receipt':
      return updateConversation(state, frame.conversationId, (c) => {
        const current = c.detail.receipts ?? { delivered: 0, read: 0 };
        const receipts = {
          delivered: Math.max(current.delivered, frame.seq),
          read: frame.status === 'read' ? Math.max(current.read, frame.seq) : current.read,
        };
        if (receipts.delivered === current.delivered && receipts.read === current.read) return c;
        return { ...c, detail: { ...c.detail, receipts } };
      });
    case 'conversation.closed':
    case 'conversation.wrappedUp':
      return workspaceReducer(state, { type: 'dismiss-conversation', conversationId: frame.conversationId });
    case 'conversation.watching': {
      const conversations = upsertConversation(state, frame.conversation).map((c) =>
        c.detail.id === frame.conversation.id ? { ...c, watching: true } : c,
      );
      return { ...state, conversations, selectedId: frame.conversation.id };
    }
    case 'customer.match':
      return updateConversation(state, frame.conversationId, (c) => ({
        ...c,
        detail: { ...c.detail, customer: frame.match },
      }));
    case 'message':
      return addMessages(state, frame.message.conversationId, [frame.message]);
    case 'messages':
      return addMessages(state, frame.conversationId, frame.messages);
    case 'message.ack':
      return onAck(state, frame.clientMsgId, frame.messageId, frame.seq, receivedAt);
    case 'error':
      return onError(state, frame.message, frame.ref);
    case 'pong':
      return { ...state, skewMs: clockSkew(frame.serverTime, receivedAt) };
    case 'typing':
      return updateConversation(state, frame.conversationId, (c) => ({
        ...c,
        visitorTyping: frame.typing,
        visitorTypingAt: receivedAt,
        // A typing frame without text (the server throttles drafts) keeps the last text seen.
        visitorDraft: frame.typing ? (frame.draft ?? c.visitorDraft) : undefined,
      }));
    case 'survey': {
      const survey =
        frame.comment === undefined
          ? { rating: frame.rating }
          : { rating: frame.rating, comment: frame.comment };
      return updateConversation(state, frame.conversationId, (c) => ({ ...c, survey }));
    }
    // The Visitors screen keeps its own list (use-live-visitors.ts).
    case 'visitors.list':
    case 'visitors.changes':
    case 'visitor.invited':
      return state;
  }
}

/** The ack carries the stored id and seq; the pending copy becomes a transcript message. */
function onAck(state: WorkspaceState, clientMsgId: string, id: string, seq: number, receivedAt: number) {
  const owner = state.conversations.find((c) => c.pending.some((p) => p.clientMsgId === clientMsgId));
  if (!owner) return state;
  return updateConversation(state, owner.detail.id, (c) =>
    acknowledge(c, clientMsgId, (pending) => ({
      id,
      conversationId: owner.detail.id,
      seq,
      author: 'agent',
      authorName: state.agent?.name,
      text: pending.text,
      clientMsgId,
      createdAt: receivedAt + state.skewMs,
    })),
  );
}

function onError(state: WorkspaceState, message: string, ref: string | undefined): WorkspaceState {
  // The Visitors screen shows its own refusals, next to the invitation form.
  if (ref?.startsWith('visitor')) return state;
  const next = { ...state, notice: message };
  if (!ref) return next;
  const owner = state.conversations.find((c) => c.pending.some((p) => p.clientMsgId === ref));
  if (!owner) return next;
  return updateConversation(next, owner.detail.id, (c) => fail(c, ref));
}

export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'frame':
      return onFrame(state, action.frame, action.receivedAt);
    case 'status':
      return state.status === action.status ? state : { ...state, status: action.status };
    case 'select':
      return updateConversation(
        { ...state, selectedId: action.conversationId },
        action.conversationId,
        (c) => (c.unread === 0 ? c : { ...c, unread: 0 }),
      );
    case 'queue-message':
      return updateConversation(state, action.conversationId, (c) => queue(c, action.pending));
    case 'presence-requested':
      return { ...state, presence: action.status };
    case 'dismiss-conversation': {
      const conversations = state.conversations.filter((c) => c.detail.id !== action.conversationId);
      const selectedId =
        state.selectedId === action.conversationId ? conversations[0]?.detail.id : state.selectedId;
      return { ...state, conversations, selectedId };
    }
    case 'customer-match':
      return onFrame(
        state,
        { type: 'customer.match', conversationId: action.conversationId, match: action.match },
        0,
      );
    case 'clear-notice':
      return { ...state, notice: undefined };
  }
}

/** Conversations still open, with their last seq, for `conversation.sync` after a reconnect. */
export function openConversations(state: WorkspaceState): ConversationState[] {
  return state.conversations.filter((c) => c.detail.status !== 'ended');
}
