// Over 300 lines: the chaos test's visitor and agent clients, independent of the product's own client code on purpose.
import type { AgentServerFrame, ChatMessage, VisitorServerFrame } from '@beckon/protocol';
import { parseFrameStrict } from '@beckon/protocol';
import { serverFrameSchemaFor } from '@beckon/test-kit';
import WebSocket from 'ws';
import type { Cluster } from './cluster.ts';

/**
 * Protocol clients that behave as the widget and the console must under failures: on a dropped socket they
 * reconnect (to another node, or through the load balancer), resume from the last sequence number they hold without a gap, and resend every
 * message not yet acknowledged with the same client message id. A gap that does not fill from live frames
 * (a fan-out lost with its node) is refilled from the store: the visitor by reconnecting with its last seq,
 * the agent with `conversation.sync`.
 */

export interface Counters {
  reconnects: number;
  /** `presence: offline` frames agents received (a node reaped as dead took them offline). */
  takenOffline: number;
  /** Frames carrying a seq the client already held (refills overlapping live frames); dropped by seq. */
  redelivered: number;
  resent: number;
}

/** What one side of a conversation received, by seq, and what it sent, in order. */
export class Transcript {
  readonly bySeq = new Map<number, ChatMessage>();
  /** Highest seq with every seq below it held. */
  contiguous = 0;

  constructor(private readonly counters: Counters) {}

  add(message: ChatMessage): void {
    if (this.bySeq.has(message.seq)) {
      this.counters.redelivered++;
      return;
    }
    this.bySeq.set(message.seq, message);
    while (this.bySeq.has(this.contiguous + 1)) this.contiguous++;
  }

  get hasGap(): boolean {
    return this.bySeq.size > this.contiguous;
  }

  ordered(): ChatMessage[] {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
}

interface Outgoing {
  clientMsgId: string;
  text: string;
  sentAt: number;
}

const resendAfterMs = 3000;
const gapRepairAfterMs = 1500;

/** Where a client connects: a `ws://` base URL, or undefined when there is nowhere to go yet. */
export type Target = () => string | undefined;

/** Picks a ready node at random, as a load balancer would. */
export function anyReadyNode(cluster: Cluster): Target {
  return () => {
    const ready = cluster.readyNodes();
    const index = ready[Math.floor(Math.random() * ready.length)];
    return index === undefined ? undefined : cluster.url(index).replace('http', 'ws');
  };
}

abstract class ResilientSocket<In extends { type: string }> {
  protected ws: WebSocket | undefined;
  private stopped = false;
  private connectedOnce = false;
  private ticker: NodeJS.Timeout;

  constructor(
    protected readonly target: Target,
    protected readonly counters: Counters,
  ) {
    this.ticker = setInterval(() => this.tick(), 500);
  }

  protected abstract path(): string;
  protected abstract headers(): Record<string, string>;
  protected abstract opened(): void;
  protected abstract receive(frame: In): void;
  protected abstract tick(): void;

  connect(): void {
    if (this.stopped) return;
    const base = this.target();
    if (!base) {
      setTimeout(() => this.connect(), 200);
      return;
    }
    const ws = new WebSocket(`${base}${this.path()}`, { headers: this.headers() });
    this.ws = ws;
    ws.on('open', () => {
      if (this.connectedOnce) this.counters.reconnects++;
      this.connectedOnce = true;
      this.opened();
    });
    const schema = serverFrameSchemaFor(`${base}${this.path()}`);
    ws.on('message', (data) => this.receive(parseFrameStrict(schema, data.toString()) as unknown as In));
    ws.on('error', () => {});
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      // A short jittered pause, as the widget and console back off, then another node.
      setTimeout(() => this.connect(), 100 + Math.random() * 300);
    });
  }

  /** Drops the socket on purpose and reconnects (the visitor's way to refill a gap). */
  reconnect(): void {
    this.ws?.terminate();
  }

  send(frame: unknown): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.ticker);
    this.ws?.terminate();
  }
}

/** A visitor with one conversation. */
export class ChaosVisitor extends ResilientSocket<VisitorServerFrame> {
  visitorId: string | undefined;
  /** Issued with the id in the first welcome: a reconnect proves it is the same visitor. */
  secret: string | undefined;
  conversationId: string | undefined;
  active = false;
  readonly transcript: Transcript;
  readonly sent: string[] = [];
  private readonly unacked: Outgoing[] = [];
  private gapSince: number | undefined;
  welcomed = false;

  constructor(
    target: Target,
    counters: Counters,
    private readonly origin: string,
  ) {
    super(target, counters);
    this.transcript = new Transcript(counters);
  }

  protected path(): string {
    return '/v1/visitor?key=demo';
  }

  protected headers(): Record<string, string> {
    return { origin: this.origin };
  }

  protected opened(): void {
    this.welcomed = false;
    this.send({
      type: 'hello',
      visitorId: this.visitorId,
      secret: this.secret,
      lastSeq: this.transcript.contiguous,
      page: { url: `${this.origin}/chaos`, title: 'Chaos' },
      language: 'en-GB',
      timeZone: 'Europe/London',
      device: { type: 'desktop', browser: 'Chrome', os: 'Linux' },
    });
  }

  protected receive(frame: VisitorServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        this.welcomed = true;
        this.visitorId = frame.visitorId;
        this.secret = frame.secret ?? this.secret;
        if (frame.conversation) this.onConversation(frame.conversation.id, frame.conversation.status);
        for (const message of frame.messages) this.transcript.add(message);
        if (!frame.conversation) this.send({ type: 'chat.start' });
        this.resendAll();
        return;
      case 'conversation.update':
        this.onConversation(frame.conversation.id, frame.conversation.status);
        return;
      case 'message':
        this.transcript.add(frame.message);
        return;
      case 'message.ack':
        this.acked(frame.clientMsgId);
        return;
      default:
        return;
    }
  }

  /** Sends the next message; resolves when the server acknowledged it (across reconnects). */
  say(clientMsgId: string): void {
    this.sent.push(clientMsgId);
    const outgoing = { clientMsgId, text: clientMsgId, sentAt: Date.now() };
    this.unacked.push(outgoing);
    this.send({ type: 'message.send', clientMsgId, text: clientMsgId });
  }

  get pending(): number {
    return this.unacked.length;
  }

  protected tick(): void {
    if (!this.isOpen || !this.welcomed) return;
    const now = Date.now();
    for (const outgoing of this.unacked) {
      if (now - outgoing.sentAt < resendAfterMs) continue;
      outgoing.sentAt = now;
      this.counters.resent++;
      this.send({ type: 'message.send', clientMsgId: outgoing.clientMsgId, text: outgoing.text });
    }
    if (!this.transcript.hasGap) this.gapSince = undefined;
    else if (this.gapSince === undefined) this.gapSince = now;
    else if (now - this.gapSince > gapRepairAfterMs) {
      // The widget has no sync frame: a new hello with the last contiguous seq refills from the store.
      this.gapSince = undefined;
      this.reconnect();
    }
  }

  private onConversation(id: string, status: string): void {
    this.conversationId = id;
    this.active = status === 'active';
  }

  private resendAll(): void {
    for (const outgoing of this.unacked) {
      outgoing.sentAt = Date.now();
      this.counters.resent++;
      this.send({ type: 'message.send', clientMsgId: outgoing.clientMsgId, text: outgoing.text });
    }
  }

  private acked(clientMsgId: string): void {
    const index = this.unacked.findIndex((o) => o.clientMsgId === clientMsgId);
    if (index >= 0) this.unacked.splice(index, 1);
  }
}

interface AgentConversation {
  transcript: Transcript;
  sent: string[];
  unacked: Outgoing[];
  gapSince?: number;
}

/** One signed-in agent working many conversations. */
export class ChaosAgent extends ResilientSocket<AgentServerFrame> {
  readonly conversations = new Map<string, AgentConversation>();
  /** Offers accepted but not yet closed: an accept dropped with its node (or rate-limited) is sent again. */
  private readonly accepting = new Map<string, { sentAt: number; tries: number }>();
  private stated = false;

  constructor(
    target: Target,
    counters: Counters,
    private readonly cookie: string,
    /** The console's origin (BECKON_PUBLIC_URL): the agent socket refuses any other. */
    private readonly origin: string,
  ) {
    super(target, counters);
  }

  protected path(): string {
    return '/v1/agent';
  }

  protected headers(): Record<string, string> {
    return { cookie: this.cookie, origin: this.origin };
  }

  protected opened(): void {
    this.stated = false;
  }

  protected receive(frame: AgentServerFrame): void {
    switch (frame.type) {
      case 'agent.state':
        this.stated = true;
        if (frame.presence !== 'available') this.send({ type: 'presence.set', status: 'available' });
        for (const offer of frame.offers) this.accept(offer.id);
        for (const conversation of frame.conversations) this.track(conversation.id);
        // Resume every conversation from the last seq held, then resend what was never acknowledged.
        for (const [id, conversation] of this.conversations) {
          this.send({
            type: 'conversation.sync',
            conversationId: id,
            afterSeq: conversation.transcript.contiguous,
          });
          for (const outgoing of conversation.unacked) this.resend(id, outgoing);
        }
        return;
      case 'offer.new':
        this.accept(frame.offer.id);
        return;
      case 'offer.closed':
        this.accepting.delete(frame.offerId);
        return;
      case 'presence':
        if (frame.status === 'offline') this.counters.takenOffline++;
        return;
      case 'conversation.opened': {
        const { transcript } = this.track(frame.conversation.id);
        this.send({
          type: 'conversation.sync',
          conversationId: frame.conversation.id,
          afterSeq: transcript.contiguous,
        });
        return;
      }
      case 'message':
        this.conversations.get(frame.message.conversationId)?.transcript.add(frame.message);
        return;
      case 'messages':
        for (const message of frame.messages)
          this.conversations.get(frame.conversationId)?.transcript.add(message);
        return;
      case 'message.ack':
        for (const conversation of this.conversations.values()) {
          const index = conversation.unacked.findIndex((o) => o.clientMsgId === frame.clientMsgId);
          if (index >= 0) conversation.unacked.splice(index, 1);
        }
        return;
      default:
        return;
    }
  }

  say(conversationId: string, clientMsgId: string): void {
    const conversation = this.track(conversationId);
    conversation.sent.push(clientMsgId);
    const outgoing = { clientMsgId, text: clientMsgId, sentAt: Date.now() };
    conversation.unacked.push(outgoing);
    this.send({ type: 'message.send', conversationId, clientMsgId, text: clientMsgId });
  }

  pending(conversationId: string): number {
    return this.conversations.get(conversationId)?.unacked.length ?? 0;
  }

  /** Asks for everything after the last contiguous seq of every conversation (the final catch-up). */
  syncAll(): void {
    for (const [id, conversation] of this.conversations) {
      this.send({
        type: 'conversation.sync',
        conversationId: id,
        afterSeq: conversation.transcript.contiguous,
      });
    }
  }

  protected tick(): void {
    if (!this.isOpen || !this.stated) return;
    const now = Date.now();
    for (const [offerId, attempt] of this.accepting) {
      if (now - attempt.sentAt >= 2000) this.accept(offerId);
    }
    for (const [id, conversation] of this.conversations) {
      for (const outgoing of conversation.unacked) {
        if (now - outgoing.sentAt >= resendAfterMs) this.resend(id, outgoing);
      }
      const { transcript } = conversation;
      if (!transcript.hasGap) conversation.gapSince = undefined;
      else if (conversation.gapSince === undefined) conversation.gapSince = now;
      else if (now - conversation.gapSince > gapRepairAfterMs) {
        conversation.gapSince = undefined;
        this.send({ type: 'conversation.sync', conversationId: id, afterSeq: transcript.contiguous });
      }
    }
  }

  private accept(offerId: string): void {
    const attempt = this.accepting.get(offerId) ?? { sentAt: 0, tries: 0 };
    attempt.sentAt = Date.now();
    attempt.tries++;
    if (attempt.tries > 5) this.accepting.delete(offerId);
    else this.accepting.set(offerId, attempt);
    this.send({ type: 'offer.accept', offerId });
  }

  private resend(conversationId: string, outgoing: Outgoing): void {
    outgoing.sentAt = Date.now();
    this.counters.resent++;
    this.send({
      type: 'message.send',
      conversationId,
      clientMsgId: outgoing.clientMsgId,
      text: outgoing.text,
    });
  }

  private track(conversationId: string): AgentConversation {
    let conversation = this.conversations.get(conversationId);
    if (!conversation) {
      conversation = { transcript: new Transcript(this.counters), sent: [], unacked: [] };
      this.conversations.set(conversationId, conversation);
    }
    return conversation;
  }
}
