import {
  type AgentClientFrame,
  type AgentServerFrame,
  closeCodes,
  isSupportedProtocolVersion,
} from '@beckon/protocol';
import { topics } from '../domain/fanout.ts';
import type { NodeLiveness } from '../domain/nodes/node-liveness.ts';
import type { Services } from '../domain/services.ts';
import type { UserRow } from '../ports/store.ts';
import { agentState } from './agent-state.ts';
import { ConnectionClosed, Lifetime } from './lifetime.ts';
import { messageAckText } from './message-ack-text.ts';
import { OwnEchoes } from './own-echoes.ts';
import type { Peer, ReportError } from './peer.ts';

/** Told when an agent's connection opens and closes on this node (node liveness keeps the store's record). */
export type AgentPresenceRecord = Pick<NodeLiveness, 'agentConnected' | 'agentDisconnected'>;

/**
 * One signed-in console connection, whatever carries it: on open the agent's live feed and `agent.state`, then
 * every agent frame with the role decisions it needs (a supervisor watching, a sync of someone else's chat).
 */
export class AgentConnection {
  private readonly lifetime = new Lifetime();
  /** The conversations a supervisor watches on this connection (each subscription is held by the lifetime). */
  private readonly watching = new Set<string>();
  /** This tab learns its stored messages from their acks; the agent's other tabs get the copies. */
  private readonly echoes = new OwnEchoes();
  /** Ends this connection's watch of the live Visitors list, if any. */
  private unwatch: (() => void) | undefined;
  private watchOwned = false;

  constructor(
    private readonly s: Services,
    private readonly report: ReportError,
    private readonly agent: UserRow,
    private readonly peer: Peer<AgentServerFrame>,
    private readonly liveness?: AgentPresenceRecord,
  ) {}

  /** `version`: the protocol version the client asked for (absent = 1). */
  async open(version: number | undefined): Promise<void> {
    const { s, agent, peer, lifetime } = this;
    if (!isSupportedProtocolVersion(version)) {
      peer.sendError(
        'PROTOCOL_VERSION_UNSUPPORTED',
        `This server does not speak protocol version ${version}.`,
      );
      return peer.close(closeCodes.unsupportedProtocol, 'unsupported protocol version');
    }
    const registered = this.liveness?.agentConnected(agent.id).catch((error: unknown) => {
      this.report(error, 'agent connection not recorded');
    });
    lifetime.own(
      () =>
        void registered?.then(() =>
          this.liveness?.agentDisconnected(agent.id).catch((error: unknown) => {
            this.report(error, 'agent disconnection not recorded');
          }),
        ),
    );
    try {
      const stop = await s.bus.subscribeText(topics.agent(agent.id), (text) => {
        if (!this.echoes.isEcho(text, 'agent')) peer.sendText(text);
      });
      lifetime.own(() => void stop());
      peer.send(await agentState(s, agent));
    } catch (error) {
      if (!(error instanceof ConnectionClosed)) throw error;
    }
  }

  closed(): void {
    this.lifetime.close();
  }

  async receive(frame: AgentClientFrame): Promise<void> {
    try {
      await this.dispatch(frame);
    } catch (error) {
      if (!(error instanceof ConnectionClosed)) throw error;
    }
  }

  private async dispatch(frame: AgentClientFrame): Promise<void> {
    const { s, agent, peer } = this;
    switch (frame.type) {
      case 'ping':
        return peer.send({ type: 'pong', serverTime: s.clock.now() });
      case 'presence.set':
        return s.routing.setPresence(agent, frame.status);
      case 'offer.accept':
        return s.routing.accept(agent, frame.offerId);
      case 'offer.reject':
        return s.routing.reject(agent, frame.offerId);
      case 'message.send': {
        this.echoes.expect(frame.clientMsgId);
        const message = await s.conversations.agentMessage(
          agent,
          frame.conversationId,
          frame.clientMsgId,
          frame.text,
        );
        await s.leftMessages.agentReplied(agent, frame.conversationId, message);
        return peer.sendText(messageAckText(frame.clientMsgId, message.id, message.seq));
      }
      case 'conversation.end':
        return s.conversations.endByAgent(agent, frame.conversationId);
      case 'conversation.transfer':
        return s.handoff.transfer(agent, frame.conversationId, frame.target);
      case 'conversation.wrapUp':
        return s.handoff.wrapUp(agent, frame.conversationId, frame.outcome, frame.notes);
      case 'conversation.join':
        return this.join(frame.conversationId);
      case 'conversation.sync': {
        await this.requireReadable(frame.conversationId);
        const messages = await s.store.listMessages(frame.conversationId, frame.afterSeq);
        return peer.send({ type: 'messages', conversationId: frame.conversationId, messages });
      }
      case 'typing':
        return s.typing.agent(agent, frame.conversationId, frame.typing);
      case 'conversation.read':
        return s.conversations.agentRead(agent, frame.conversationId, frame.seq);
      case 'visitors.watch':
        return this.watchVisitors(frame);
      case 'visitors.unwatch':
        this.unwatch?.();
        this.unwatch = undefined;
        return;
      case 'visitor.invite': {
        const invitation = await s.agentInvitations.invite(agent, frame.visitorId, frame.message);
        return peer.send({
          type: 'visitor.invited',
          visitorId: invitation.visitorId,
          invitationId: invitation.id,
          expiresAt: invitation.expiresAt,
        });
      }
      case 'visitor.invitation.withdraw':
        return s.agentInvitations.withdraw(agent, frame.invitationId);
    }
  }

  /** Any role watches the live list; a new watch replaces this connection's previous one. */
  private watchVisitors(frame: Extract<AgentClientFrame, { type: 'visitors.watch' }>): void {
    this.unwatch?.();
    const { filter, sort, limit } = frame;
    this.unwatch = this.s.liveWatches.watch({ filter, sort, limit }, (out) => this.peer.send(out));
    if (!this.watchOwned) {
      // Whichever watch is current when the connection closes ends with it (at once if it already closed).
      this.watchOwned = true;
      this.lifetime.own(() => this.unwatch?.());
    }
  }

  /** Supervisors and admins read any conversation; an agent only their own. */
  private async requireReadable(conversationId: string): Promise<void> {
    const { s, agent } = this;
    if (agent.role === 'supervisor' || agent.role === 'admin')
      await s.supervisor.watch(agent, conversationId);
    else await s.conversations.agentConversation(agent, conversationId);
  }

  private async join(conversationId: string): Promise<void> {
    const { s, agent, peer } = this;
    // This first read checks the role and that the conversation exists.
    const conversation = await s.supervisor.watch(agent, conversationId);
    if (!this.watching.has(conversation.id)) {
      this.watching.add(conversation.id);
      const stop = await s.bus.subscribeText(topics.conversation(conversation.id), (text) =>
        peer.sendText(text),
      );
      this.lifetime.own(() => void stop());
    }
    // Read again after subscribing, so no message falls between the transcript and the live feed.
    const watched = await s.supervisor.watch(agent, conversationId);
    return peer.send({ type: 'conversation.watching', conversation: watched });
  }
}
