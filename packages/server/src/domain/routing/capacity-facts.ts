import type { Store } from '../../ports/store.ts';
import { freeCapacity } from './pick-agent.ts';

/** What a chat started now would meet, for the `agentAvailable` and `predictedWait` rule conditions. */
export interface CapacityFacts {
  agentAvailable: boolean;
  /** Undefined when nobody could take the chat (no available agent in the queue). */
  predictedWaitSeconds?: number;
}

/** Average chat length assumed by the estimate until routing keeps handling-time figures. */
export const assumedChatSeconds = 240;

/**
 * A small queueing estimate: a free slot answers at once; otherwise the chat waits for the chats ahead of it
 * (plus itself) to be spread over the available agents, each freeing a slot every average chat length.
 */
export function estimateWaitSeconds(input: {
  availableAgents: number;
  freeSlots: number;
  waiting: number;
  averageChatSeconds?: number;
}): number | undefined {
  if (input.availableAgents === 0) return undefined;
  const ahead = input.waiting - input.freeSlots;
  if (ahead < 0) return 0;
  const average = input.averageChatSeconds ?? assumedChatSeconds;
  return Math.ceil(((ahead + 1) * average) / input.availableAgents);
}

/**
 * The one function the rules ask about capacity. It reads the widget's queue as routing sees it (presence,
 * capacity, active chats and pending offers), so a queue model change only touches this function.
 */
export async function capacityFacts(store: Store, queueId: string): Promise<CapacityFacts> {
  let availableAgents = 0;
  let freeSlots = 0;
  for (const member of await store.listQueueMemberLoads(queueId)) {
    if (member.presence !== 'available') continue;
    availableAgents++;
    freeSlots += Math.max(0, freeCapacity(member));
  }
  const waiting = (await store.listWaitingConversations(queueId)).length;
  return {
    agentAvailable: freeSlots > 0,
    predictedWaitSeconds: estimateWaitSeconds({ availableAgents, freeSlots, waiting }),
  };
}
