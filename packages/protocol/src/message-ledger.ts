/**
 * A client's record of one conversation's messages: what the server stored (each once, in `seq` order) and what
 * this client sent that the server has not acknowledged yet (kept by `clientMsgId`, resent after a reconnect).
 * Every Beckon client keeps its transcript with it: the widget, the console, the test-kit clients. Pure functions
 * on plain values (React reducers keep them as state); each returns the same object when nothing changed.
 * Zod-free: the widget imports it.
 */

/** What the ledger needs of a stored message (`ChatMessage` has it). */
export interface LedgerMessage {
  id: string;
  /** Per conversation, from 1, with no gaps: the ledger de-duplicates and orders by it. */
  seq: number;
  clientMsgId?: string;
}

/** A message this client sent and the server has not acknowledged. */
export interface OutgoingMessage {
  clientMsgId: string;
  text: string;
  createdAt: number;
  /** The server refused it or the conversation ended: it is shown, never resent. */
  failed?: boolean;
}

export interface MessageLedger<M extends LedgerMessage = LedgerMessage> {
  /** Stored messages, ascending `seq`, one per `seq`. */
  readonly messages: readonly M[];
  /** Sent and not acknowledged, in the order they were sent. */
  readonly pending: readonly OutgoingMessage[];
}

type MessageOf<L extends MessageLedger> = L['messages'][number];

export function emptyLedger<M extends LedgerMessage>(): MessageLedger<M> {
  return { messages: [], pending: [] };
}

/**
 * Adds stored messages (a `message` frame, a `welcome`'s or a catch-up's list), in any order and with any
 * repeats: a `seq` already held is ignored, and a message carrying a pending `clientMsgId` settles it (its ack
 * was lost with the socket).
 */
export function receive<L extends MessageLedger>(ledger: L, incoming: readonly MessageOf<L>[]): L {
  let messages = ledger.messages;
  let pending = ledger.pending;
  for (const message of incoming) {
    let index = messages.length;
    while (index > 0 && (messages[index - 1] as LedgerMessage).seq > message.seq) index--;
    if (index > 0 && (messages[index - 1] as LedgerMessage).seq === message.seq) continue;
    messages = [...messages.slice(0, index), message, ...messages.slice(index)];
    if (message.clientMsgId && pending.some((p) => p.clientMsgId === message.clientMsgId))
      pending = pending.filter((p) => p.clientMsgId !== message.clientMsgId);
  }
  return messages === ledger.messages ? ledger : { ...ledger, messages, pending };
}

/** Records a message as sent (shown at once, before the server stores it). */
export function queue<L extends MessageLedger>(ledger: L, outgoing: OutgoingMessage): L {
  return { ...ledger, pending: [...ledger.pending, outgoing] };
}

/**
 * Applies `message.ack`: the pending message becomes the stored one `store(pending)` builds (with the ack's id
 * and seq). An ack for nothing pending (a repeat, or its copy arrived first) changes nothing.
 */
export function acknowledge<L extends MessageLedger>(
  ledger: L,
  clientMsgId: string,
  store: (pending: OutgoingMessage) => MessageOf<L>,
): L {
  const pending = ledger.pending.find((p) => p.clientMsgId === clientMsgId);
  if (!pending) return ledger;
  const next = receive(ledger, [store(pending)]);
  return { ...next, pending: next.pending.filter((p) => p !== pending) };
}

/** Marks one pending message failed (the server refused it), or all of them (the conversation is gone). */
export function fail<L extends MessageLedger>(ledger: L, clientMsgId?: string): L {
  const hit = (p: OutgoingMessage) =>
    !p.failed && (clientMsgId === undefined || p.clientMsgId === clientMsgId);
  if (!ledger.pending.some(hit)) return ledger;
  return { ...ledger, pending: ledger.pending.map((p) => (hit(p) ? { ...p, failed: true } : p)) };
}

/** What to send again after a reconnect, with the same `clientMsgId` (the server stores each once). */
export function unacknowledged(ledger: MessageLedger): OutgoingMessage[] {
  return ledger.pending.filter((p) => !p.failed);
}

/**
 * The highest `seq` with nothing missing before it: a reconnecting client asks for what comes after it, so a
 * message lost in a gap is fetched again and what was held is not.
 */
export function lastSeq(ledger: MessageLedger): number {
  let seq = 0;
  for (const message of ledger.messages) {
    if (message.seq !== seq + 1) break;
    seq = message.seq;
  }
  return seq;
}
