import type { QueueMemberLoad, QueueRow, Store } from '../../ports/store.ts';

/** Capacity minus active conversations minus pending offers. */
export function freeCapacity(member: QueueMemberLoad): number {
  return member.capacity - member.active - member.pending;
}

export interface Candidate {
  agentId: string;
  /** Capacity minus active conversations minus pending offers. */
  free: number;
  /** When this queue last offered the agent work (0 = never): the round-robin memory. */
  lastOfferedAt: number;
}

/**
 * Orders eligible agents by the queue's assignment method. `most-free`: highest free capacity first, ties to the
 * agent offered work longest ago, then by id. `round-robin`: the agent offered work longest ago, then by id,
 * whatever their load (capacity still has to be free).
 */
export function rankCandidates(method: QueueRow['assignmentMethod'], candidates: Candidate[]): Candidate[] {
  const byRotation = (a: Candidate, b: Candidate) =>
    a.lastOfferedAt - b.lastOfferedAt || a.agentId.localeCompare(b.agentId);
  return [...candidates].sort(
    method === 'round-robin' ? byRotation : (a, b) => b.free - a.free || byRotation(a, b),
  );
}

/**
 * The agents routing should give the queue's next conversation to, best first: members who are `available`, have
 * free capacity and were not offered this conversation yet. The store re-checks capacity when it writes, so a
 * concurrent cycle that filled the first one sends the conversation to the next.
 */
export async function pickAgents(
  store: Store,
  queue: QueueRow,
  alreadyOffered: Set<string>,
): Promise<string[]> {
  const candidates: Candidate[] = [];
  for (const member of await store.listQueueMemberLoads(queue.id)) {
    const agentId = member.userId;
    if (alreadyOffered.has(agentId) || member.presence !== 'available') continue;
    const free = freeCapacity(member);
    if (free > 0) candidates.push({ agentId, free, lastOfferedAt: member.lastOfferedAt ?? 0 });
  }
  return rankCandidates(queue.assignmentMethod, candidates).map((candidate) => candidate.agentId);
}
