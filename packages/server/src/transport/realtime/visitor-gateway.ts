import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type ContextProblem,
  frameLimits,
  limits,
  type VisitorClientFrame,
  type VisitorServerFrame,
  visitorClientFrameSchema,
} from '@beckon/protocol';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { topics } from '../../domain/fanout.ts';
import { invitationView } from '../../domain/proactive/proactive-service.ts';
import { queuePositionOf } from '../../domain/routing/queue-positions.ts';
import type { Services } from '../../domain/services.ts';
import { applySignal } from '../../domain/visitors/browser-signals.ts';
import type { VisitorSession } from '../../domain/visitors/visitor-session.ts';
import { isOriginAllowed } from '../../domain/widgets/widgets-service.ts';
import type { WidgetRow } from '../../ports/store.ts';
import type { TrustFunction } from '../client-address.ts';
import { FrameChannel, frameTypes } from './frame-channel.ts';
import type { InFlight } from './in-flight.ts';
import { OwnEchoes } from './own-echoes.ts';
import { clientIp, isOwnOrigin, refuseUpgrade } from './upgrade.ts';

const knownTypes = frameTypes(visitorClientFrameSchema);

/** The rule condition each browser signal can change. */
const signalConditions = { exit: 'exitIntent', scroll: 'scrollDepth', active: 'idleTime' } as const;

/** `/v1/visitor`: the widget's socket. Checks the widget key and the page origin before accepting the upgrade. */
export class VisitorGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: frameLimits.frameHardMaxBytes });

  constructor(
    private readonly services: Services,
    private readonly logger: Logger,
    private readonly hooks: {
      inFlight?: InFlight;
      trustProxy?: TrustFunction | false;
      /** A socket with no valid hello this long after opening is closed (frame-channel.ts `identify`). */
      helloTimeoutMs?: number;
    } = {},
  ) {}

  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const key = url.searchParams.get('key') ?? '';
    const widget = key ? await this.services.store.getWidgetByKey(key) : undefined;
    if (!widget) return refuseUpgrade(socket, 'WIDGET_NOT_FOUND', 'No widget has this key.');
    if (!widget.enabled) return refuseUpgrade(socket, 'WIDGET_DISABLED', 'This widget is switched off.');
    const ownWindow = url.searchParams.get('window') === '1' && isOwnOrigin(request);
    if (!isOriginAllowed(widget, request.headers.origin) && !ownWindow) {
      this.logger.info({ widget: widget.id, origin: request.headers.origin }, 'visitor origin refused');
      return refuseUpgrade(socket, 'ORIGIN_NOT_ALLOWED', 'This page may not embed this widget.');
    }
    this.wss.handleUpgrade(request, socket, head, (ws) =>
      this.connection(ws, widget, clientIp(request, this.hooks.trustProxy)),
    );
  }

  /** Tells every open socket to reconnect elsewhere (graceful shutdown). */
  closeAll(code: number, reason: string): void {
    for (const ws of this.wss.clients) ws.close(code, reason);
  }

  private connection(ws: WebSocket, widget: WidgetRow, ip: string): void {
    const s = this.services;
    let session: VisitorSession | undefined;
    let unsubscribe: (() => Promise<void>) | undefined;
    /** The socket closed; a hello still in progress must not leave anything registered behind it. */
    let closed = false;
    // This tab learns its stored messages from their acks; the visitor's other tabs get the copies.
    const echoes = new OwnEchoes();
    const channel: FrameChannel<VisitorClientFrame, VisitorServerFrame> = new FrameChannel(ws, {
      schema: visitorClientFrameSchema,
      knownTypes,
      logger: this.logger,
      framesPerSecond: limits.visitorFramesPerSecond,
      now: () => s.clock.now(),
      inFlight: this.hooks.inFlight,
      identify: this.hooks.helloTimeoutMs
        ? { type: 'hello', withinMs: this.hooks.helloTimeoutMs, clock: s.clock }
        : undefined,
      handle: async (frame) => {
        if (frame.type === 'ping') return channel.send({ type: 'pong', serverTime: s.clock.now() });
        if (frame.type === 'hello') {
          if (session) return channel.sendError('VALIDATION_FAILED', 'hello was already received.', 'hello');
          const result = await s.visitors.hello(widget, frame, ip);
          if (closed) {
            // Closed while the hello was read: the close handler had no session to clean up.
            s.visitors.leave(result.session);
            return;
          }
          session = result.session;
          await s.visitorAbsence.connected(session.visitorId);
          const stop = await s.bus.subscribe(topics.visitor(session.visitorId), (payload) => {
            const out = payload as VisitorServerFrame;
            if (!echoes.isEcho(out, 'visitor')) channel.send(out);
          });
          if (closed) return stop();
          unsubscribe = stop;
          await this.welcome(channel, session, frame.lastSeq ?? 0);
          this.reportProblems(channel, result.problems, 'hello');
          if (frame.preview !== undefined && !(await s.proactive.startPreview(session, frame.preview))) {
            channel.sendError('PREVIEW_INVALID', 'This preview link is invalid or expired.', 'hello');
          }
          // Closed meanwhile: the close handler forgot the session; no rule check is armed for it again.
          if (closed) return;
          return s.proactive.evaluate(session);
        }
        if (!session) return channel.sendError('HELLO_REQUIRED', 'Send hello first.', frame.type);
        if (frame.type === 'message.send') echoes.expect(frame.clientMsgId);
        await this.handle(channel, session, frame);
      },
    });
    ws.on('close', () => {
      closed = true;
      if (session) s.proactive.forget(session);
      if (session) s.visitors.leave(session);
      if (session)
        void s.visitorAbsence.disconnected(session.visitorId).catch((error: unknown) => {
          this.logger.error({ err: error }, 'visitor absence tracking failed');
        });
      void unsubscribe?.();
    });
    ws.on('error', (error) => this.logger.debug({ err: error }, 'visitor socket error'));
  }

  private async handle(
    channel: FrameChannel<VisitorClientFrame, VisitorServerFrame>,
    session: VisitorSession,
    frame: Exclude<VisitorClientFrame, { type: 'hello' | 'ping' }>,
  ): Promise<void> {
    const s = this.services;
    switch (frame.type) {
      case 'page':
        await s.visitors.pageView(session, frame.page);
        return s.proactive.evaluate(session);
      case 'context.update':
        this.reportProblems(channel, s.visitors.updateContext(session, frame.context), frame.type);
        return s.proactive.evaluate(session);
      case 'auth.token':
        await s.identity.authenticate(session, frame.token);
        return s.proactive.evaluate(session);
      case 'invitation.accept':
        return s.proactive.accept(session, frame.invitationId, frame.prechat);
      case 'invitation.dismiss':
        return s.proactive.dismiss(session, frame.invitationId);
      case 'invitation.request':
        return s.proactive.request(session, frame.message, frame.showPrechat ?? false);
      case 'chat.start': {
        await s.chatExtras.requireOpenForNewChat(session);
        await s.conversations.start(session, { prechat: frame.prechat, context: frame.context });
        return s.proactive.evaluate(session);
      }
      case 'message.send': {
        const message = await s.conversations.visitorMessage(session, frame.clientMsgId, frame.text);
        return channel.send({
          type: 'message.ack',
          clientMsgId: frame.clientMsgId,
          messageId: message.id,
          seq: message.seq,
        });
      }
      case 'chat.close':
        return s.conversations.endByVisitor(session);
      case 'track':
        if (!session.tracking) return;
        await s.visitors.track(session, frame);
        return s.proactive.evaluateIfUsed(session, 'event');
      case 'signal':
        if (!session.tracking) return;
        applySignal(session, frame, s.clock.now());
        return s.proactive.evaluateIfUsed(session, signalConditions[frame.kind]);
      case 'consent':
        await s.visitors.consent(session, frame.granted);
        return s.proactive.evaluate(session);
      case 'availability.request':
        return channel.send({ type: 'availability', ...(await s.chatExtras.availability(session)) });
      case 'survey.submit': {
        const { conversationId, rating, comment } = frame;
        await s.chatExtras.submitSurvey(session, conversationId, { rating, comment });
        return channel.send({ type: 'survey.saved', conversationId });
      }
      case 'typing':
        return s.chatExtras.visitorTyping(session, frame.typing);
      case 'message.receipt':
        return s.conversations.visitorReceipt(session, frame.conversationId, frame.status, frame.seq);
    }
  }

  private async welcome(
    channel: FrameChannel<VisitorClientFrame, VisitorServerFrame>,
    session: VisitorSession,
    lastSeq: number,
  ): Promise<void> {
    const { store } = this.services;
    const conversation = await store.findOpenConversation(session.visitorId);
    const agent = conversation?.agentId ? await store.getUser(conversation.agentId) : undefined;
    const readSeq = conversation?.agentId ? (await store.getReceipts(conversation.id)).agentRead : 0;
    const invitation = await store.findShownInvitation(session.visitorId);
    if (invitation) this.services.proactive.watch(invitation);
    const widget = session.widget;
    channel.send({
      type: 'welcome',
      visitorId: session.visitorId,
      serverTime: this.services.clock.now(),
      widget: {
        name: widget.name,
        title: widget.title,
        color: widget.color,
        locale: widget.locale,
        prechatFields: widget.prechatFields,
        consentRequired: widget.consentRequired || undefined,
        hours: this.services.chatExtras.hoursStatus(widget),
      },
      conversation: conversation && {
        id: conversation.id,
        status: conversation.status,
        agentName: agent?.name,
        readSeq: readSeq || undefined,
      },
      messages: conversation ? await store.listMessages(conversation.id, lastSeq) : [],
      invitation: invitation && invitationView(invitation),
    });
    // A visitor who reconnects while waiting learns their place at once, not at the next queue change.
    const position = conversation && (await queuePositionOf(store, conversation));
    if (position) channel.send(position);
  }

  private reportProblems(
    channel: FrameChannel<VisitorClientFrame, VisitorServerFrame>,
    problems: ContextProblem[],
    ref: string,
  ): void {
    for (const problem of problems)
      channel.sendError(problem.code, problem.message, ref, { name: problem.name });
  }
}
