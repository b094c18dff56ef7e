import type { ChatMessage } from '@beckon/protocol';

/** A message typed by the agent and sent, not yet acknowledged by the server. */
export interface PendingMessage {
  clientMsgId: string;
  conversationId: string;
  text: string;
  createdAt: number;
  /** The server refused it (an error frame named it); it is shown, and never resent. */
  failed?: boolean;
}

function bySeq(a: ChatMessage, b: ChatMessage): number {
  return a.seq - b.seq || a.createdAt - b.createdAt;
}

/**
 * Merges messages into a transcript: one entry per message id (the first copy wins, so a replayed or echoed
 * message never shows twice), ordered by sequence number. Returns the same array when nothing is new.
 */
export function mergeMessages(
  existing: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): ChatMessage[] {
  const ids = new Set(existing.map((message) => message.id));
  const added: ChatMessage[] = [];
  for (const message of incoming) {
    if (ids.has(message.id)) continue;
    ids.add(message.id);
    added.push(message);
  }
  if (added.length === 0) return existing as ChatMessage[];
  return [...existing, ...added].sort(bySeq);
}

/** The messages among `incoming` that `existing` does not hold yet (by id). */
export function newMessages(
  existing: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): ChatMessage[] {
  const ids = new Set(existing.map((message) => message.id));
  const seen = new Set<string>();
  return incoming.filter((message) => {
    if (ids.has(message.id) || seen.has(message.id)) return false;
    seen.add(message.id);
    return true;
  });
}

/** Highest sequence number held: what `conversation.sync` asks to continue after. */
export function lastSeq(messages: readonly ChatMessage[]): number {
  let seq = 0;
  for (const message of messages) if (message.seq > seq) seq = message.seq;
  return seq;
}

/** Drops the pending messages the transcript now holds (matched by clientMsgId). */
export function settlePending(
  pending: readonly PendingMessage[],
  messages: readonly ChatMessage[],
): PendingMessage[] {
  const delivered = new Set(messages.map((message) => message.clientMsgId).filter((id) => id !== undefined));
  if (!pending.some((entry) => delivered.has(entry.clientMsgId))) return pending as PendingMessage[];
  return pending.filter((entry) => !delivered.has(entry.clientMsgId));
}

/** An id for `message.send`; the same id is reused when the message is resent after a reconnect. */
export function newClientMsgId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
