import type { ChatMessage } from '@beckon/protocol';
import {
  acknowledge,
  emptyLedger,
  fail,
  lastSeq,
  type MessageLedger,
  queue,
  receive,
  unacknowledged,
} from '@beckon/protocol/message-ledger';
import type { DisplayMessage } from '../pane-api.ts';

/**
 * The visitor's view of the current conversation: the protocol's message ledger (stored messages once each in
 * `seq` order, then the visitor's own messages waiting for `message.ack`) shown as pane rows, and started afresh
 * when another conversation begins. Pane code: the loader never needs it before a chat opens.
 */
export class Transcript {
  conversationId: string | undefined;
  #ledger: MessageLedger<ChatMessage> = emptyLedger();
  #shown = this.#ledger;
  #snapshot: readonly DisplayMessage[] = [];

  /** The highest seq with nothing missing before it: what a reconnecting `hello` resumes from. */
  get lastSeq(): number {
    return lastSeq(this.#ledger);
  }

  list(): readonly DisplayMessage[] {
    if (this.#shown !== this.#ledger) {
      this.#shown = this.#ledger;
      this.#snapshot = [
        ...this.#ledger.messages.map((m): DisplayMessage => ({ ...m, key: m.id, status: 'sent' })),
        ...this.#ledger.pending.map(
          (p): DisplayMessage => ({
            key: p.clientMsgId,
            clientMsgId: p.clientMsgId,
            author: 'visitor',
            text: p.text,
            createdAt: p.createdAt,
            status: p.failed ? 'failed' : 'pending',
          }),
        ),
      ];
    }
    return this.#snapshot;
  }

  /** Messages to resend (same clientMsgId) after a reconnect. */
  unacked(): { clientMsgId: string; text: string }[] {
    return unacknowledged(this.#ledger);
  }

  /** Switches to another conversation: its seq numbers start again from 1. Unsent messages are kept. */
  setConversation(conversationId: string | undefined): void {
    if (conversationId === this.conversationId) return;
    if (this.conversationId !== undefined) this.#ledger = { messages: [], pending: this.#ledger.pending };
    this.conversationId = conversationId;
  }

  /** Forgets everything, unsent messages included (a new chat after the previous one ended). */
  clear(): void {
    this.conversationId = undefined;
    this.#ledger = emptyLedger();
  }

  /** Adds a stored message from the server; false when it was already shown. */
  receive(message: ChatMessage): boolean {
    this.setConversation(message.conversationId);
    const before = this.#ledger;
    this.#ledger = receive(before, [message]);
    return this.#ledger !== before;
  }

  /** Shows the visitor's message at once, before the server has stored it. */
  addPending(clientMsgId: string, text: string, now: number): void {
    this.#ledger = queue(this.#ledger, { clientMsgId, text, createdAt: now });
  }

  /** Applies `message.ack`: the stored message, or undefined when the ack is unknown or its seq already shown. */
  ack(clientMsgId: string, messageId: string, seq: number): ChatMessage | undefined {
    const before = this.#ledger;
    let stored: ChatMessage | undefined;
    this.#ledger = acknowledge(before, clientMsgId, (p) => {
      stored = {
        id: messageId,
        conversationId: this.conversationId ?? '',
        seq,
        author: 'visitor',
        text: p.text,
        clientMsgId,
        createdAt: p.createdAt,
      };
      return stored;
    });
    return this.#ledger.messages !== before.messages ? stored : undefined;
  }

  /** The conversation is gone: what could not be sent will not be. */
  failPending(): void {
    this.#ledger = fail(this.#ledger);
  }
}
