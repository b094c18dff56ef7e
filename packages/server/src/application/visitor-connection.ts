import {
  type ContextProblem,
  closeCodes,
  isSupportedProtocolVersion,
  type VisitorClientFrame,
  type VisitorServerFrame,
} from '@beckon/protocol';
import { topics } from '../domain/fanout.ts';
import type { Services } from '../domain/services.ts';
import { applySignal } from '../domain/visitors/browser-signals.ts';
import type { VisitorSession } from '../domain/visitors/visitor-session.ts';
import type { WidgetRow } from '../ports/store.ts';
import { ConnectionClosed, Lifetime } from './lifetime.ts';
import { messageAckText } from './message-ack-text.ts';
import { OwnEchoes } from './own-echoes.ts';
import type { Peer, ReportError } from './peer.ts';
import { welcomeFrames } from './visitor-welcome.ts';

/** The rule condition each browser signal can change. */
const signalConditions = { exit: 'exitIntent', scroll: 'scrollDepth', active: 'idleTime' } as const;

/** How the JSON text of the frames that never move a visitor on the live list begins (`message…`, `typing`). */
const chatTraffic = ['{"type":"message', '{"type":"typing"'] as const;
const positionFrame = '{"type":"queue.position"';

type Hello = Extract<VisitorClientFrame, { type: 'hello' }>;
type MessageSend = Extract<VisitorClientFrame, { type: 'message.send' }>;

/** A step still in progress when the connection closed stops there: not an error. */
function ignoreClosed(error: unknown): void {
  if (!(error instanceof ConnectionClosed)) throw error;
}

/** Where the connection came from: which widget, from which page origin, and whether it is the widget's own
 * chat window on this server from an origin the widget does not allow, which must present a handover. */
export interface VisitorOrigin {
  widget: WidgetRow;
  ip: string;
  origin: string | undefined;
  ownWindow: boolean;
}

/**
 * One visitor connection, whatever carries it: hello → welcome, then every visitor frame and what runs after it
 * (the rule check most of them trigger). The transport hands it validated frames and tells it when it closed.
 */
export class VisitorConnection {
  private session: VisitorSession | undefined;
  private readonly lifetime = new Lifetime();
  /** This tab learns its stored messages from their acks; the visitor's other tabs get the copies. */
  private readonly echoes = new OwnEchoes();

  constructor(
    private readonly s: Services,
    private readonly report: ReportError,
    readonly from: VisitorOrigin,
    readonly peer: Peer<VisitorServerFrame>,
    private readonly onClosed: () => void = () => {},
  ) {}

  receive(frame: VisitorClientFrame): Promise<void> {
    const session = this.session;
    // A chat message, the frame the relay carries most, goes straight to its use case: no async frames around it.
    if (frame.type === 'message.send' && session) return this.message(session, frame);
    return this.dispatch(frame).catch(ignoreClosed);
  }

  /** The connection is gone: what it holds is released, and a step still in progress stops at its next await. */
  closed(): void {
    this.lifetime.close();
    this.onClosed();
  }

  /** The visitor this socket speaks for, once its hello was accepted. */
  get visitorId(): string | undefined {
    return this.session?.visitorId;
  }

  private async dispatch(frame: VisitorClientFrame): Promise<void> {
    const { s, peer } = this;
    if (frame.type === 'ping') return peer.send({ type: 'pong', serverTime: s.clock.now() });
    if (frame.type === 'hello') return this.hello(frame);
    const session = this.session;
    if (!session) return peer.sendError('HELLO_REQUIRED', 'Send hello first.', frame.type);
    switch (frame.type) {
      case 'page':
        await s.visitors.pageView(session, frame.page);
        await s.liveVisitors.changed(session);
        return s.proactive.evaluate(session);
      case 'context.update':
        this.reportProblems(s.visitors.updateContext(session, frame.context), frame.type);
        await s.liveVisitors.changed(session);
        return s.proactive.evaluate(session);
      case 'auth.token':
        await s.identity.authenticate(session, frame.token);
        await s.liveVisitors.changed(session);
        return s.proactive.evaluate(session);
      case 'invitation.accept':
        return s.invitations.accept(session, frame.invitationId, frame.prechat);
      case 'invitation.dismiss':
        return s.invitations.dismiss(session, frame.invitationId);
      case 'invitation.request':
        return s.proactive.request(session, frame.message, frame.showPrechat ?? false);
      case 'chat.start': {
        const widget = await s.hours.requireOpenForNewChat(session);
        const conversation = await s.conversations.start(session, {
          prechat: frame.prechat,
          context: frame.context,
        });
        await s.leftMessages.offerIfStranded(conversation, widget);
        return s.proactive.chatOpened(session);
      }
      case 'message.leave': {
        const { name, email, text } = frame;
        const conversation = await s.leftMessages.leave(session, { name, email, text });
        peer.send({ type: 'message.left', conversationId: conversation.id, email });
        return s.proactive.evaluate(session);
      }
      case 'chat.close':
        return s.conversations.endByVisitor(session);
      case 'track':
        if (!session.tracking) return;
        await s.visitors.track(session, frame);
        await s.liveVisitors.tracked(session);
        return s.proactive.evaluateIfUsed(session, 'event');
      case 'signal':
        if (!session.tracking) return;
        applySignal(session, frame, s.clock.now());
        await s.liveVisitors.active(session);
        return s.proactive.evaluateIfUsed(session, signalConditions[frame.kind]);
      case 'consent':
        await s.visitors.consent(session, frame.granted);
        await s.liveVisitors.changed(session);
        return s.proactive.evaluate(session);
      case 'handover.request': {
        const handover = await s.handovers.issue(session.widget, session.visitorId, this.from.origin);
        if (!handover)
          return peer.sendError(
            'ORIGIN_NOT_ALLOWED',
            'Only a page of an allowed origin can open the chat window.',
            frame.type,
          );
        return peer.send({ type: 'handover', ...handover });
      }
      case 'availability.request':
        return peer.send({ type: 'availability', ...(await s.availability.availability(session)) });
      case 'survey.submit': {
        const { conversationId, rating, comment } = frame;
        await s.surveys.submit(session, conversationId, { rating, comment });
        return peer.send({ type: 'survey.saved', conversationId });
      }
      case 'transcript.email': {
        const { conversationId, email, language } = frame;
        await s.transcriptMails.request(session, conversationId, email, language);
        return peer.send({ type: 'transcript.queued', conversationId, email });
      }
      case 'typing':
        return s.typing.visitor(session, frame.typing, frame.draft);
      case 'message.receipt':
        return s.conversations.visitorReceipt(session, frame.conversationId, frame.status, frame.seq);
    }
  }

  /** Stored, then acknowledged to this tab (its other tabs get the message's copy, this one skips it). */
  private message(session: VisitorSession, { clientMsgId, text }: MessageSend): Promise<void> {
    this.echoes.expect(clientMsgId);
    return this.s.conversations
      .visitorMessage(session, clientMsgId, text)
      .then((message) => this.peer.sendText(messageAckText(clientMsgId, message.id, message.seq)));
  }

  private async hello(frame: Hello): Promise<void> {
    const { s, peer, lifetime } = this;
    if (this.session) return peer.sendError('VALIDATION_FAILED', 'hello was already received.', 'hello');
    if (!isSupportedProtocolVersion(frame.protocolVersion)) {
      peer.sendError(
        'PROTOCOL_VERSION_UNSUPPORTED',
        `This server does not speak protocol version ${frame.protocolVersion}.`,
        'hello',
      );
      return peer.close(closeCodes.unsupportedProtocol, 'unsupported protocol version');
    }
    const handedOver = await this.redeemHandover(frame);
    if (handedOver === false) {
      peer.sendError('HANDOVER_INVALID', 'This chat window link is invalid, used or expired.', 'hello');
      return peer.close(closeCodes.notAllowed, 'handover refused');
    }
    const result = await s.visitors.hello(this.from.widget, frame, this.from.ip, handedOver);
    const session = result.session;
    lifetime.own(() => {
      s.proactive.forget(session);
      s.visitors.leave(session);
    });
    this.session = session;
    await s.visitorAbsence.connected(session.visitorId);
    lifetime.own(() => this.visitorGone(session.visitorId));
    let lastPosition: string | undefined;
    const stop = await s.bus.subscribeText(topics.visitor(session.visitorId), (text) => {
      // The queue's positions go to every visitor waiting in it whenever anyone joins or leaves it: a position
      // frame repeating the last one this socket got changes nothing on the page, so it is not sent again.
      if (text.startsWith(positionFrame)) {
        if (text === lastPosition) return;
        lastPosition = text;
        return peer.sendText(text);
      }
      lastPosition = undefined;
      if (!this.echoes.isEcho(text, 'visitor')) peer.sendText(text);
      // Forwarded as it came; parsed only when it may move the visitor on the live list.
      if (!text.startsWith(chatTraffic[0]) && !text.startsWith(chatTraffic[1]))
        this.liveFrame(session.visitorId, JSON.parse(text) as VisitorServerFrame);
    });
    lifetime.own(() => void stop());
    for (const out of await welcomeFrames(s, session, frame.lastSeq ?? 0, result.secret)) peer.send(out);
    this.reportProblems(result.problems, 'hello');
    // On the live Visitors list from now until the socket closes.
    await s.liveVisitors.connected(session);
    lifetime.own(() => {
      s.liveVisitors.disconnected(session).catch((error: unknown) => {
        this.report(error, 'live visitor list not told of a departure');
      });
    });
    if (frame.preview !== undefined && !(await s.proactive.startPreview(session, frame.preview))) {
      peer.sendError('PREVIEW_INVALID', 'This preview link is invalid or expired.', 'hello');
    }
    // Closed meanwhile: the session was forgotten, so no rule check may be armed for it again.
    lifetime.open();
    return s.proactive.evaluate(session);
  }

  /**
   * The chat window's handover: the visitor it names, undefined when the hello carries none and needs none, and
   * false when it is refused (invalid, or missing on a window whose origin the widget does not allow).
   */
  private async redeemHandover(frame: Hello): Promise<string | undefined | false> {
    if (!frame.handover) return this.from.ownWindow ? false : undefined;
    const { token, origin } = frame.handover;
    return (await this.s.handovers.redeem(this.from.widget, token, origin)) ?? false;
  }

  /** Invitations and chat changes move the visitor on the live list. */
  private liveFrame(visitorId: string, frame: VisitorServerFrame): void {
    this.s.liveVisitors.frameToVisitor(visitorId, frame).catch((error: unknown) => {
      this.report(error, 'live visitor list not updated');
    });
  }

  private visitorGone(visitorId: string): void {
    void this.s.visitorAbsence.disconnected(visitorId).catch((error: unknown) => {
      this.report(error, 'visitor absence tracking failed');
    });
  }

  private reportProblems(problems: ContextProblem[], ref: string): void {
    for (const problem of problems)
      this.peer.sendError(problem.code, problem.message, ref, { name: problem.name });
  }
}
