import type { AgentServerFrame, VisitorServerFrame } from '@beckon/protocol';
import type { Bus } from '../ports/bus.ts';
import type { WidgetAccess } from './widgets/widget-access.ts';

/**
 * Realtime fan-out goes through the bus so that it reaches whichever node holds each socket. Topics are per
 * participant: every open tab of a visitor or an agent subscribes to its own topic.
 */
export const topics = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** Supervisors silently watching a conversation. */
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  /** Work for the routing cycle: agents became available, capacity freed up. */
  routing: 'routing',
  /** An agent's free capacity changed somewhere in a queue of this widget (CapacityWatch). */
  capacity: (widgetId: string) => `capacity:${widgetId}`,
  /** A widget was switched off or lost origins: nodes close the visitor sockets it no longer allows. */
  widgetAccess: 'widget-access',
  /** Live visitors: each node says which of its visitors arrived, changed or left (LiveVisitors). */
  liveVisitors: 'live-visitors',
  /** Sign-in sessions that ended (sign-out, account locked): nodes close the agent sockets opened with them. */
  sessionsEnded: 'sessions-ended',
  /** Visitors whose personal data an admin erased: nodes close their visitor sockets. */
  visitorsErased: 'visitors-erased',
};

/** The payload of `topics.visitorsErased`. */
export interface VisitorsErased {
  visitorIds: string[];
}

/** The payload of `topics.sessionsEnded`. */
export interface SessionsEnded {
  userId: string;
  /** The ended sessions' ids (SHA-256 of their tokens). */
  sessionIds: string[];
}

export class Fanout {
  constructor(private readonly bus: Bus) {}

  toVisitor(visitorId: string, frame: VisitorServerFrame): Promise<void> {
    return this.bus.publish(topics.visitor(visitorId), frame);
  }

  toAgent(agentId: string, frame: AgentServerFrame): Promise<void> {
    return this.bus.publish(topics.agent(agentId), frame);
  }

  /** Every node learns the widget's new access (enabled, allowed origins). */
  widgetAccessChanged(access: WidgetAccess): Promise<void> {
    return this.bus.publish(topics.widgetAccess, access);
  }

  sessionsEnded(ended: SessionsEnded): Promise<void> {
    return this.bus.publish(topics.sessionsEnded, ended);
  }

  visitorsErased(erased: VisitorsErased): Promise<void> {
    return this.bus.publish(topics.visitorsErased, erased);
  }

  toWatchers(conversationId: string, frame: AgentServerFrame): Promise<void> {
    return this.bus.publish(topics.conversation(conversationId), frame);
  }

  /** A frame both sides of a conversation get, and supervisors watching it: serialised once for all three. */
  toConversation(
    conversation: { id: string; visitorId: string; agentId?: string },
    frame: VisitorServerFrame & AgentServerFrame,
  ): Promise<void> {
    const to = [topics.visitor(conversation.visitorId)];
    if (conversation.agentId) to.push(topics.agent(conversation.agentId));
    to.push(topics.conversation(conversation.id));
    return this.bus.publishToEach(to, frame);
  }
}
