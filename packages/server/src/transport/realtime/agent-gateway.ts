import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type AgentClientFrame,
  type AgentServerFrame,
  agentClientFrameSchema,
  frameLimits,
  limits,
} from '@beckon/protocol';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { conversationDetail, offerView } from '../../domain/conversations/conversation-views.ts';
import { topics } from '../../domain/fanout.ts';
import type { NodeLiveness } from '../../domain/nodes/node-liveness.ts';
import type { Services } from '../../domain/services.ts';
import type { UserRow } from '../../ports/store.ts';
import { sessionCookie } from '../http/session-cookie.ts';
import { FrameChannel, frameTypes } from './frame-channel.ts';
import type { InFlight } from './in-flight.ts';
import { OwnEchoes } from './own-echoes.ts';
import { cookieValue, refuseUpgrade } from './upgrade.ts';

const knownTypes = frameTypes(agentClientFrameSchema);

export interface AgentGatewayHooks {
  inFlight?: InFlight;
  /** Told when an agent's socket opens and closes on this node (node liveness keeps the store's record). */
  liveness?: Pick<NodeLiveness, 'agentConnected' | 'agentDisconnected'>;
}

/** `/v1/agent`: the console's socket, authenticated by the session cookie. */
export class AgentGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: frameLimits.frameHardMaxBytes });
  /**
   * Per socket: the conversations a supervisor watches (with how to stop), and the copies of its own messages it
   * is not sent (OwnEchoes).
   */
  private readonly sockets = new Map<
    object,
    { watching: Map<string, () => Promise<void>>; echoes: OwnEchoes }
  >();

  constructor(
    private readonly services: Services,
    private readonly logger: Logger,
    private readonly hooks: AgentGatewayHooks = {},
  ) {}

  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const agent = await this.services.accounts.authenticate(cookieValue(request, sessionCookie));
    if (!agent) return refuseUpgrade(socket, 'UNAUTHENTICATED', 'Sign in first.');
    this.wss.handleUpgrade(request, socket, head, (ws) => void this.connection(ws, agent));
  }

  closeAll(code: number, reason: string): void {
    for (const ws of this.wss.clients) ws.close(code, reason);
  }

  private async connection(ws: WebSocket, agent: UserRow): Promise<void> {
    const s = this.services;
    const channel: FrameChannel<AgentClientFrame, AgentServerFrame> = new FrameChannel(ws, {
      schema: agentClientFrameSchema,
      knownTypes,
      logger: this.logger,
      framesPerSecond: limits.visitorFramesPerSecond * 2,
      now: () => s.clock.now(),
      handle: (frame) => this.handle(channel, agent, frame),
      inFlight: this.hooks.inFlight,
    });
    const { liveness } = this.hooks;
    const registered = liveness?.agentConnected(agent.id).catch((error: unknown) => {
      this.logger.warn({ err: error, agent: agent.id }, 'agent connection not recorded');
    });
    ws.on('close', () => {
      void registered?.then(() =>
        liveness?.agentDisconnected(agent.id).catch((error: unknown) => {
          this.logger.warn({ err: error, agent: agent.id }, 'agent disconnection not recorded');
        }),
      );
    });
    const echoes = new OwnEchoes();
    const watching = new Map<string, () => Promise<void>>();
    this.sockets.set(channel, { watching, echoes });
    const unsubscribe = await s.bus.subscribe(topics.agent(agent.id), (payload) => {
      const frame = payload as AgentServerFrame;
      if (!echoes.isEcho(frame, 'agent')) channel.send(frame);
    });
    const release = () => {
      void unsubscribe();
      for (const stop of watching.values()) void stop();
      this.sockets.delete(channel);
    };
    // Closed while subscribing: its close event has already gone by, so nothing else would release these.
    if (ws.readyState === ws.CLOSED) return release();
    ws.on('close', release);
    ws.on('error', (error) => this.logger.debug({ err: error }, 'agent socket error'));
    channel.send(await this.state(agent));
  }

  private async handle(
    channel: FrameChannel<AgentClientFrame, AgentServerFrame>,
    agent: UserRow,
    frame: AgentClientFrame,
  ): Promise<void> {
    const s = this.services;
    switch (frame.type) {
      case 'ping':
        return channel.send({ type: 'pong', serverTime: s.clock.now() });
      case 'presence.set':
        return s.routing.setPresence(agent, frame.status);
      case 'offer.accept':
        return s.routing.accept(agent, frame.offerId);
      case 'offer.reject':
        return s.routing.reject(agent, frame.offerId);
      case 'message.send': {
        // This tab learns the stored message from the ack; the agent's other tabs get the copy.
        this.sockets.get(channel)?.echoes.expect(frame.clientMsgId);
        const message = await s.conversations.agentMessage(
          agent,
          frame.conversationId,
          frame.clientMsgId,
          frame.text,
        );
        return channel.send({
          type: 'message.ack',
          clientMsgId: frame.clientMsgId,
          messageId: message.id,
          seq: message.seq,
        });
      }
      case 'conversation.end':
        return s.conversations.endByAgent(agent, frame.conversationId);
      case 'conversation.transfer':
        return s.handoff.transfer(agent, frame.conversationId, frame.target);
      case 'conversation.wrapUp':
        return s.handoff.wrapUp(agent, frame.conversationId, frame.outcome, frame.notes);
      case 'conversation.join': {
        // This first read checks the role and that the conversation exists.
        const conversation = await s.supervisor.watch(agent, frame.conversationId);
        const watching = this.sockets.get(channel)?.watching;
        if (watching && !watching.has(conversation.id)) {
          const stop = await s.bus.subscribe(topics.conversation(conversation.id), (payload) =>
            channel.send(payload as AgentServerFrame),
          );
          watching.set(conversation.id, stop);
        }
        // Read again after subscribing, so no message falls between the transcript and the live feed.
        return channel.send({
          type: 'conversation.watching',
          conversation: await s.supervisor.watch(agent, frame.conversationId),
        });
      }
      case 'conversation.sync': {
        if (agent.role === 'supervisor' || agent.role === 'admin') {
          await s.supervisor.watch(agent, frame.conversationId);
        } else {
          await s.conversations.agentConversation(agent, frame.conversationId);
        }
        const messages = await s.store.listMessages(frame.conversationId, frame.afterSeq);
        return channel.send({ type: 'messages', conversationId: frame.conversationId, messages });
      }
      case 'typing':
        return s.chatExtras.agentTyping(agent, frame.conversationId, frame.typing);
      case 'conversation.read':
        return s.conversations.agentRead(agent, frame.conversationId, frame.seq);
    }
  }

  private async state(agent: UserRow): Promise<AgentServerFrame> {
    const { store } = this.services;
    const offers = [];
    for (const offer of await store.listPendingOffersForAgent(agent.id)) {
      const conversation = await store.getConversation(offer.conversationId);
      if (conversation) offers.push(offerView(offer, conversation));
    }
    const conversations = [];
    for (const row of await store.listAgentConversations(agent.id, ['active'])) {
      conversations.push(await conversationDetail(store, row));
    }
    return {
      type: 'agent.state',
      serverTime: this.services.clock.now(),
      agent: { id: agent.id, name: agent.name, role: agent.role },
      presence: await store.getPresence(agent.id),
      offers,
      conversations,
      awaitingWrapUp: await this.services.handoff.awaitingWrapUp(agent.id),
    };
  }
}
