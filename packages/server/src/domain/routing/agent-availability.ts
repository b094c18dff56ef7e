import type { AgentAvailability } from '@beckon/protocol';
import type { Store } from '../../ports/store.ts';
import type { OperatingHours } from '../hours/operating-hours.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';
import { freeCapacity } from './pick-agent.ts';
import { estimateWaitSeconds, queueLoad } from './queue-positions.ts';

/**
 * The wait per chat ahead of the visitor when routing has no estimate (no handling history for the queue, or
 * no available agent): `averageWaitTime` must be a number, so this stated fallback (docs/widget.md) fills in.
 */
export const estimatedSecondsPerChatAhead = 120;

/** `getAgentAvailability()`: free agents, the visitor's place in the queue, the wait, the opening period. */
export class AgentAvailabilityService {
  constructor(
    private readonly store: Store,
    private readonly hours: OperatingHours,
  ) {}

  async availability(session: VisitorSession): Promise<AgentAvailability> {
    const widget = (await this.store.getWidget(session.widget.id)) ?? session.widget;
    const freeSlots = await this.freeSlots(widget.queueId);
    const waiting = await this.store.listWaitingConversations(widget.queueId);
    const position = waiting.findIndex((conversation) => conversation.visitorId === session.visitorId) + 1;
    // Chats ahead of this visitor's (or of a chat started now) each take one estimated turn.
    const turns = position > 0 ? position : waiting.length + 1;
    const result: AgentAvailability = {
      queueId: widget.queueId,
      isQueueAvailable: this.hours.isOpen(widget),
      isAgentAvailable: freeSlots > 0,
      positionInQueue: position,
      averageWaitTime: freeSlots > 0 ? 0 : await this.estimatedWait(widget.queueId, turns),
    };
    const period = this.hours.period(widget);
    if (period.start !== undefined)
      result.startTimeOfNextOperatingHour = new Date(period.start).toISOString();
    if (period.end !== undefined) result.endTimeOfNextOperatingHour = new Date(period.end).toISOString();
    return result;
  }

  /** Routing's estimate (the one in `queue.position`, docs/routing.md) for the chat `turns` places back. */
  private async estimatedWait(queueId: string, turns: number): Promise<number> {
    const estimate = estimateWaitSeconds(turns, await queueLoad(this.store, queueId));
    return estimate ?? turns * estimatedSecondsPerChatAhead;
  }

  /** Free capacity (conversations an agent could still take) summed over the queue's available agents. */
  private async freeSlots(queueId: string): Promise<number> {
    let free = 0;
    for (const member of await this.store.listQueueMemberLoads(queueId)) {
      if (member.presence === 'available') free += Math.max(0, freeCapacity(member));
    }
    return free;
  }
}
