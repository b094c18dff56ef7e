import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type ContextProblem,
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
import type { Services } from '../../domain/services.ts';
import type { VisitorSession } from '../../domain/visitors/visitor-session.ts';
import { isOriginAllowed } from '../../domain/widgets/widgets-service.ts';
import type { WidgetRow } from '../../ports/store.ts';
import { FrameChannel, frameTypes } from './frame-channel.ts';
import { clientIp, refuseUpgrade } from './upgrade.ts';

const knownTypes = frameTypes(visitorClientFrameSchema);

/** `/v1/visitor`: the widget's socket. Checks the widget key and the page origin before accepting the upgrade. */
export class VisitorGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: limits.frameMaxBytes });

  constructor(
    private readonly services: Services,
    private readonly logger: Logger,
  ) {}

  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const key = url.searchParams.get('key') ?? '';
    const widget = key ? await this.services.store.getWidgetByKey(key) : undefined;
    if (!widget) return refuseUpgrade(socket, 'WIDGET_NOT_FOUND', 'No widget has this key.');
    if (!widget.enabled) return refuseUpgrade(socket, 'WIDGET_DISABLED', 'This widget is switched off.');
    if (!isOriginAllowed(widget, request.headers.origin)) {
      this.logger.info({ widget: widget.id, origin: request.headers.origin }, 'visitor origin refused');
      return refuseUpgrade(socket, 'ORIGIN_NOT_ALLOWED', 'This page may not embed this widget.');
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.connection(ws, widget, clientIp(request)));
  }

  /** Tells every open socket to reconnect elsewhere (graceful shutdown). */
  closeAll(code: number, reason: string): void {
    for (const ws of this.wss.clients) ws.close(code, reason);
  }

  private connection(ws: WebSocket, widget: WidgetRow, ip: string): void {
    const s = this.services;
    let session: VisitorSession | undefined;
    let unsubscribe: (() => Promise<void>) | undefined;
    const channel: FrameChannel<VisitorClientFrame, VisitorServerFrame> = new FrameChannel(ws, {
      schema: visitorClientFrameSchema,
      knownTypes,
      logger: this.logger,
      framesPerSecond: limits.visitorFramesPerSecond,
      now: () => s.clock.now(),
      handle: async (frame) => {
        if (frame.type === 'ping') return channel.send({ type: 'pong', serverTime: s.clock.now() });
        if (frame.type === 'hello') {
          if (session) return channel.sendError('VALIDATION_FAILED', 'hello was already received.', 'hello');
          const result = await s.visitors.hello(widget, frame, ip);
          session = result.session;
          unsubscribe = await s.bus.subscribe(topics.visitor(session.visitorId), (payload) =>
            channel.send(payload as VisitorServerFrame),
          );
          await this.welcome(channel, session, frame.lastSeq ?? 0);
          this.reportProblems(channel, result.problems, 'hello');
          return s.proactive.evaluate(session);
        }
        if (!session) return channel.sendError('HELLO_REQUIRED', 'Send hello first.', frame.type);
        await this.handle(channel, session, frame);
      },
    });
    ws.on('close', () => {
      if (session) s.proactive.forget(session);
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
      },
      conversation: conversation && {
        id: conversation.id,
        status: conversation.status,
        agentName: agent?.name,
      },
      messages: conversation ? await store.listMessages(conversation.id, lastSeq) : [],
      invitation: invitation && invitationView(invitation),
    });
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
