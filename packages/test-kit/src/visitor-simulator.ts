// Over 300 lines: one simulated widget (its socket, state and ledger) with the helpers that spawn many of them.
import { performance } from 'node:perf_hooks';
import {
  type ChatMessage,
  type InvitationView,
  parseFrameStrict,
  type VisitorConversation,
  type VisitorServerFrame,
  visitorServerFrameSchema,
} from '@beckon/protocol';
import {
  acknowledge,
  emptyLedger,
  type MessageLedger,
  queue,
  receive,
  unacknowledged,
} from '@beckon/protocol/message-ledger';
import WebSocket from 'ws';

/**
 * A simulated visitor: one real WebSocket speaking the visitor protocol as the widget does (hello, page views,
 * accepting invitations, starting chats, messages with client message ids), light enough that one process holds
 * thousands of them. Unlike `TestSocket` it keeps no frame log: it tracks the state a widget keeps (visitor id,
 * current page, showing invitation, open conversation, and the conversation's message ledger) and reports frames
 * to handlers. Every frame is validated against the visitor server-frame schema; one that breaks it is thrown
 * (an unhandled error: the test run fails).
 */

/** Milliseconds on a clock shared by every process of the machine (sub-millisecond, unlike `Date.now()`). */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface SimulatedPage {
  url: string;
  title?: string;
  referrer?: string;
}

export interface InvitationShown {
  invitation: InvitationView;
  /** The server's clock when it sent the invitation. */
  serverTime: number;
  /** `wallClockMs()` when the frame arrived. */
  receivedAt: number;
}

export interface MessageAcked {
  clientMsgId: string;
  messageId: string;
  seq: number;
  /** From the first send of this client message id to its ack, in ms. */
  latencyMs: number;
  /** How many times the frame was sent (more than 1 after `RATE_LIMITED`). */
  attempts: number;
}

export interface SimulatedVisitorHandlers {
  invitation?(visitor: SimulatedVisitor, shown: InvitationShown): void;
  message?(visitor: SimulatedVisitor, frame: Extract<VisitorServerFrame, { type: 'message' }>): void;
  error?(visitor: SimulatedVisitor, frame: Extract<VisitorServerFrame, { type: 'error' }>): void;
  closed?(visitor: SimulatedVisitor, code: number): void;
}

export interface SimulatedVisitorOptions {
  /** `ws://host:port` of a Beckon node. */
  wsUrl: string;
  widgetKey: string;
  /** Sent as the upgrade's `Origin`, as a browser would; must be one of the widget's allowed origins. */
  origin: string;
  page: SimulatedPage;
  /** The visitor id a returning widget keeps in localStorage. */
  visitorId?: string;
  /** The secret the widget keeps beside the id (issued in the first welcome). */
  secret?: string;
  language?: string;
  timeZone?: string;
  context?: Record<string, unknown>;
  /** Local source address of the socket (e.g. one of 127.0.0.0/8, to spread many sockets over addresses). */
  localAddress?: string;
  /** Accept every invitation as soon as it shows. */
  autoAccept?: boolean;
  /** Delay before a message refused with `RATE_LIMITED` is sent again with the same client message id. */
  retryAfterMs?: number;
  timeoutMs?: number;
  handlers?: SimulatedVisitorHandlers;
}

interface PendingAck {
  firstSentAt: number;
  attempts: number;
  resolve: (ack: MessageAcked) => void;
  reject: (error: Error) => void;
}

interface Waiter {
  test: (frame: VisitorServerFrame) => boolean;
  resolve: (frame: VisitorServerFrame) => void;
}

export class SimulatedVisitor {
  visitorId = '';
  /** Issued in the welcome that created this visitor. */
  secret: string | undefined;
  /** `wallClockMs()` when the current page was entered (hello or the last `viewPage`). */
  pageEnteredAt = 0;
  page: SimulatedPage;
  invitation: InvitationView | undefined;
  conversation: VisitorConversation | undefined;
  private nextMessage = 1;
  /** Callers waiting for the ack of a client message id. */
  private readonly pending = new Map<string, PendingAck>();
  /** The current conversation's messages, and this visitor's not yet acknowledged (the widget's transcript). */
  ledger: MessageLedger<ChatMessage> = emptyLedger();
  private waiters: Waiter[] = [];
  private closedCode: number | undefined;
  private retrying = false;
  /** What the visitor reports to its owner; replaceable at any time. */
  handlers: SimulatedVisitorHandlers;

  private constructor(
    private readonly ws: WebSocket,
    private readonly options: SimulatedVisitorOptions,
    readonly label: string,
  ) {
    this.page = options.page;
    this.handlers = options.handlers ?? {};
    ws.on('message', (data) => this.receive(parseFrameStrict(visitorServerFrameSchema, data.toString())));
    ws.on('close', (code) => {
      this.closedCode = code;
      for (const ack of this.pending.values()) ack.reject(new Error(`socket closed (${code})`));
      this.pending.clear();
      this.handlers.closed?.(this, code);
    });
    ws.on('error', () => {});
  }

  /** Opens the socket, says hello and resolves after the server's `welcome`. */
  static connect(options: SimulatedVisitorOptions, label = ''): Promise<SimulatedVisitor> {
    const url = `${options.wsUrl}/v1/visitor?key=${encodeURIComponent(options.widgetKey)}`;
    const ws = new WebSocket(url, {
      headers: { origin: options.origin },
      localAddress: options.localAddress,
      perMessageDeflate: false,
    });
    const visitor = new SimulatedVisitor(ws, options, label);
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused with HTTP ${response.statusCode ?? 0}`)),
      );
      ws.once('error', reject);
      ws.once('open', () => {
        visitor.pageEnteredAt = wallClockMs();
        visitor.send({
          type: 'hello',
          visitorId: options.visitorId,
          secret: options.secret,
          page: options.page,
          language: options.language ?? 'en-GB',
          timeZone: options.timeZone ?? 'Europe/London',
          device: { type: 'desktop', browser: 'Chrome', os: 'Linux' },
          context: options.context,
        });
        visitor
          .until((f) => f.type === 'welcome' || f.type === 'error', 'welcome')
          .then((frame) =>
            frame.type === 'welcome'
              ? resolve(visitor)
              : reject(new Error(`hello refused: ${frame.type === 'error' ? frame.code : ''}`)),
          )
          .catch(reject);
      });
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  get closeCode(): number | undefined {
    return this.closedCode;
  }

  /** How long the visitor has been on the current page, by its own clock. */
  timeOnPageMs(now = wallClockMs()): number {
    return now - this.pageEnteredAt;
  }

  /** A page view (navigation, single-page apps included); time on page starts again. */
  viewPage(page: SimulatedPage): void {
    this.page = page;
    this.pageEnteredAt = wallClockMs();
    this.send({ type: 'page', page });
  }

  /** Resolves with the next invitation shown (or the one showing now). */
  nextInvitation(timeoutMs = this.timeoutMs): Promise<InvitationView> {
    if (this.invitation) return Promise.resolve(this.invitation);
    return this.until((f) => f.type === 'invitation.show', 'invitation.show', timeoutMs).then(
      (f) => (f as Extract<VisitorServerFrame, { type: 'invitation.show' }>).invitation,
    );
  }

  /** Accepts the showing invitation; resolves when the conversation is open (waiting for an agent). */
  async acceptInvitation(prechat?: Record<string, string>): Promise<VisitorConversation> {
    const invitation = this.invitation ?? (await this.nextInvitation());
    this.send({ type: 'invitation.accept', invitationId: invitation.id, prechat });
    return this.conversationUpdate(() => true);
  }

  /** Opens a chat without an invitation (the launcher); resolves when the conversation is open. */
  startChat(prechat?: Record<string, string>): Promise<VisitorConversation> {
    this.send({ type: 'chat.start', prechat });
    return this.conversationUpdate(() => true);
  }

  /** Resolves once the conversation has this status (at once if it has). */
  waitForStatus(
    status: VisitorConversation['status'],
    timeoutMs = this.timeoutMs,
  ): Promise<VisitorConversation> {
    if (this.conversation?.status === status) return Promise.resolve(this.conversation);
    return this.conversationUpdate((c) => c.status === status, timeoutMs);
  }

  /** Sends a chat message with a fresh client message id; resolves with the server's ack. */
  sendMessage(text: string): Promise<MessageAcked> {
    return this.resendMessage(`${this.label || 'v'}-${this.nextMessage++}`, text);
  }

  /** Sends a message frame with a given client message id (again, for a resend after a reconnect). */
  resendMessage(clientMsgId: string, text: string): Promise<MessageAcked> {
    return new Promise((resolve, reject) => {
      const firstSentAt = wallClockMs();
      this.pending.set(clientMsgId, { firstSentAt, attempts: 1, resolve, reject });
      this.ledger = queue(this.ledger, { clientMsgId, text, createdAt: firstSentAt });
      this.send({ type: 'message.send', clientMsgId, text });
    });
  }

  /**
   * Hands the socket's traffic over to the caller, who then speaks the protocol itself: every frame received goes
   * to `onText` as it came, neither parsed, validated nor tracked here (the ledger stops), and the function
   * returned sends a frame's text. For a load test's measured loop, whose client must cost no more than a bare
   * socket's, so that the server is what is measured, not the simulator's bookkeeping on the same cores.
   */
  takeOver(onText: (text: string) => void): (text: string) => void {
    this.ws.removeAllListeners('message');
    this.ws.on('message', (data) => onText(data.toString()));
    return (text) => this.ws.send(text);
  }

  /** Messages sent and not acknowledged yet. */
  get unacknowledged(): number {
    return unacknowledged(this.ledger).length;
  }

  /** The conversation's stored messages, once each, in seq order. */
  get messages(): readonly ChatMessage[] {
    return this.ledger.messages;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 10_000;
  }

  private send(frame: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private conversationUpdate(
    test: (c: VisitorConversation) => boolean,
    timeoutMs = this.timeoutMs,
  ): Promise<VisitorConversation> {
    return this.until(
      (f) => f.type === 'conversation.update' && test(f.conversation),
      'conversation.update',
      timeoutMs,
    ).then((f) => (f as Extract<VisitorServerFrame, { type: 'conversation.update' }>).conversation);
  }

  private until(
    test: (frame: VisitorServerFrame) => boolean,
    what: string,
    timeoutMs = this.timeoutMs,
  ): Promise<VisitorServerFrame> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { test, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`visitor ${this.label}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs).unref();
    });
  }

  private receive(frame: VisitorServerFrame): void {
    const handlers = this.handlers;
    switch (frame.type) {
      case 'welcome':
        this.visitorId = frame.visitorId;
        this.secret = frame.secret ?? this.options.secret;
        this.follow(frame.conversation);
        this.ledger = receive(this.ledger, frame.messages);
        this.invitation = frame.invitation;
        break;
      case 'invitation.show':
        this.invitation = frame.invitation;
        handlers?.invitation?.(this, {
          invitation: frame.invitation,
          serverTime: frame.serverTime,
          receivedAt: wallClockMs(),
        });
        if (this.options.autoAccept)
          this.send({ type: 'invitation.accept', invitationId: frame.invitation.id });
        break;
      case 'invitation.closed':
        if (this.invitation?.id === frame.invitationId) this.invitation = undefined;
        break;
      case 'conversation.update':
        this.follow(frame.conversation.status === 'ended' ? undefined : frame.conversation);
        break;
      case 'message.ack':
        this.acked(frame.clientMsgId, frame.messageId, frame.seq);
        break;
      case 'message':
        this.ledger = receive(this.ledger, [frame.message]);
        handlers?.message?.(this, frame);
        break;
      case 'error':
        if (frame.code === 'RATE_LIMITED') this.retryAll();
        handlers?.error?.(this, frame);
        break;
      default:
        break;
    }
    const waiter = this.waiters.find((w) => w.test(frame));
    if (waiter) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(frame);
    }
  }

  /** Another conversation starts its seq numbers again: its messages start afresh, unsent ones are kept. */
  private follow(conversation: VisitorConversation | undefined): void {
    if (conversation && this.conversation && conversation.id !== this.conversation.id)
      this.ledger = { messages: [], pending: this.ledger.pending };
    this.conversation = conversation;
  }

  private acked(clientMsgId: string, messageId: string, seq: number): void {
    this.ledger = acknowledge(this.ledger, clientMsgId, (p) => ({
      id: messageId,
      conversationId: this.conversation?.id ?? '',
      seq,
      author: 'visitor',
      text: p.text,
      clientMsgId,
      createdAt: p.createdAt,
    }));
    const pending = this.pending.get(clientMsgId);
    if (!pending) return;
    this.pending.delete(clientMsgId);
    pending.resolve({
      clientMsgId,
      messageId,
      seq,
      latencyMs: wallClockMs() - pending.firstSentAt,
      attempts: pending.attempts,
    });
  }

  /**
   * A dropped frame is not named in the `RATE_LIMITED` error, so every unacknowledged message is sent again
   * with its own client message id, once per burst of errors; the server acknowledges a duplicate with the
   * stored message.
   */
  private retryAll(): void {
    if (this.retrying) return;
    this.retrying = true;
    setTimeout(() => {
      this.retrying = false;
      for (const { clientMsgId, text } of unacknowledged(this.ledger)) {
        const pending = this.pending.get(clientMsgId);
        if (pending) pending.attempts += 1;
        this.send({ type: 'message.send', clientMsgId, text });
      }
    }, this.options.retryAfterMs ?? 500).unref();
  }
}

export interface SpawnVisitorsOptions extends Omit<SimulatedVisitorOptions, 'page' | 'localAddress'> {
  count: number;
  /** Sockets opening at the same time. */
  concurrency?: number;
  /** The page each visitor lands on (by index). */
  page: (index: number) => SimulatedPage;
  /** Source addresses used in turn (e.g. 127.0.0.2 … 127.0.0.50); the system picks when absent. */
  localAddresses?: readonly string[];
  labelPrefix?: string;
}

/** Connects `count` visitors with at most `concurrency` handshakes in flight; fails on the first refusal. */
export async function spawnVisitors(options: SpawnVisitorsOptions): Promise<SimulatedVisitor[]> {
  const visitors: SimulatedVisitor[] = new Array(options.count);
  let next = 0;
  const addresses = options.localAddresses ?? [];
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= options.count) return;
      visitors[index] = await SimulatedVisitor.connect(
        {
          ...options,
          page: options.page(index),
          localAddress: addresses.length > 0 ? addresses[index % addresses.length] : undefined,
        },
        `${options.labelPrefix ?? 'v'}${index}`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 50, options.count) }, worker));
  return visitors;
}

/** `127.0.0.<first> … 127.0.0.<first+count-1>`: loopback source addresses for many sockets. */
export function loopbackAddresses(count: number, first = 2): string[] {
  return Array.from(
    { length: count },
    (_, i) => `127.0.${Math.floor((first + i) / 256)}.${(first + i) % 256}`,
  );
}
