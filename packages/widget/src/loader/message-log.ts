import type { ChatMessage } from '@beckon/protocol';
import type { DisplayMessage } from '../pane-api.ts';

/**
 * The visitor's view of one conversation: stored messages ordered and de-duplicated by `seq` (unique within a conversation),
 * followed by the visitor's own messages still waiting for `message.ack`. `lastSeq` is the highest seq up to
 * which nothing is missing, so a reconnecting `hello` asks the server exactly for what was not seen.
 */
export class MessageLog {
  conversationId: string | undefined;
  #stored: DisplayMessage[] = [];
  #pending: DisplayMessage[] = [];
  #seqs = new Set<number>();
  #contiguous = 0;
  #snapshot: readonly DisplayMessage[] = [];

  get lastSeq(): number {
    return this.#contiguous;
  }

  list(): readonly DisplayMessage[] {
    return this.#snapshot;
  }

  /** Messages that have not been acknowledged yet, to resend (same clientMsgId) after a reconnect. */
  unacked(): DisplayMessage[] {
    return this.#pending.filter((message) => message.status === 'pending');
  }

  /** Switches to another conversation: its seq numbers start again from 1. Unsent messages are kept. */
  setConversation(conversationId: string | undefined): void {
    if (conversationId === this.conversationId) return;
    if (this.conversationId !== undefined) {
      this.#stored = [];
      this.#seqs.clear();
      this.#contiguous = 0;
    }
    this.conversationId = conversationId;
    this.#changed();
  }

  /** Forgets everything, unsent messages included (a new chat after the previous one ended). */
  clear(): void {
    this.conversationId = undefined;
    this.#stored = [];
    this.#pending = [];
    this.#seqs.clear();
    this.#contiguous = 0;
    this.#changed();
  }

  /** Adds a stored message from the server; false when it was already shown. */
  receive(message: ChatMessage): boolean {
    if (this.conversationId === undefined) this.conversationId = message.conversationId;
    else if (message.conversationId !== this.conversationId) this.setConversation(message.conversationId);
    if (this.#seqs.has(message.seq)) return false;
    const own = message.clientMsgId
      ? this.#pending.findIndex((m) => m.clientMsgId === message.clientMsgId)
      : -1;
    if (own >= 0) this.#pending.splice(own, 1);
    this.#insert({ ...message, key: message.id, status: 'sent' });
    return true;
  }

  /** Shows the visitor's message at once, before the server has stored it. */
  addPending(clientMsgId: string, text: string, now: number): DisplayMessage {
    const entry: DisplayMessage = {
      key: clientMsgId,
      clientMsgId,
      author: 'visitor',
      text,
      status: 'pending',
      createdAt: now,
    };
    this.#pending.push(entry);
    this.#changed();
    return entry;
  }

  /** Marks a pending message as stored; undefined when the ack is unknown or repeats one already applied. */
  ack(clientMsgId: string, messageId: string, seq: number): DisplayMessage | undefined {
    const index = this.#pending.findIndex((m) => m.clientMsgId === clientMsgId);
    if (index < 0) return undefined;
    const [entry] = this.#pending.splice(index, 1);
    if (!entry) return undefined;
    if (this.#seqs.has(seq)) {
      this.#changed();
      return undefined;
    }
    this.#insert({ ...entry, key: messageId, id: messageId, seq, status: 'sent' });
    return entry;
  }

  /** The conversation is gone: what could not be sent will not be. */
  failPending(): void {
    if (this.#pending.length === 0) return;
    this.#pending = this.#pending.map((m) => (m.status === 'pending' ? { ...m, status: 'failed' } : m));
    this.#changed();
  }

  #insert(entry: DisplayMessage): void {
    const seq = entry.seq ?? 0;
    let index = this.#stored.length;
    while (index > 0 && (this.#stored[index - 1]?.seq ?? 0) > seq) index--;
    this.#stored.splice(index, 0, entry);
    this.#seqs.add(seq);
    while (this.#seqs.has(this.#contiguous + 1)) this.#contiguous++;
    this.#changed();
  }

  #changed(): void {
    this.#snapshot = [...this.#stored, ...this.#pending];
  }
}
