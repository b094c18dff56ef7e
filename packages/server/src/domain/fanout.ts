import type { AgentServerFrame, VisitorServerFrame } from '@beckon/protocol';
import type { Bus } from '../ports/bus.ts';

/**
 * Realtime fan-out goes through the bus so that it reaches whichever node holds each socket. Topics are per
 * participant: every open tab of a visitor or an agent subscribes to its own topic.
 */
export const topics = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** Work for the routing cycle: agents became available, capacity freed up. */
  routing: 'routing',
};

export class Fanout {
  constructor(private readonly bus: Bus) {}

  toVisitor(visitorId: string, frame: VisitorServerFrame): Promise<void> {
    return this.bus.publish(topics.visitor(visitorId), frame);
  }

  toAgent(agentId: string, frame: AgentServerFrame): Promise<void> {
    return this.bus.publish(topics.agent(agentId), frame);
  }
}
