import type { VisitorServerFrame } from '@beckon/protocol';
import type { ConversationRow, Store } from '../../ports/store.ts';
import type { Fanout } from '../fanout.ts';

/** How many recently handled conversations of the queue the estimate averages over. */
export const handledSample = 20;

export interface QueueLoad {
  /** Mean handling time (accepted → ended) of recent conversations; undefined without history. */
  averageHandlingMs?: number;
  /** Conversations the queue's available members can hold at once (sum of their capacities). */
  slots: number;
}

/**
 * Seconds until the conversation at `position` is likely to be taken: each slot frees up once per average
 * handling time, so position N waits about N / slots handling times. Undefined without history or with no one
 * available (an honest "unknown" rather than a made-up figure).
 */
export function estimateWaitSeconds(position: number, load: QueueLoad): number | undefined {
  if (load.averageHandlingMs === undefined || load.slots <= 0) return undefined;
  return Math.round((position * load.averageHandlingMs) / load.slots / 1000);
}

export async function queueLoad(store: Store, queueId: string): Promise<QueueLoad> {
  const spans = await store.listRecentlyHandled(queueId, handledSample);
  const averageHandlingMs =
    spans.length === 0
      ? undefined
      : spans.reduce((sum, span) => sum + (span.endedAt - span.acceptedAt), 0) / spans.length;
  let slots = 0;
  for (const member of await store.listQueueMemberLoads(queueId)) {
    if (member.presence === 'available') slots += member.capacity;
  }
  return { averageHandlingMs, slots };
}

function positionFrame(conversation: ConversationRow, position: number, load: QueueLoad): VisitorServerFrame {
  const estimate = estimateWaitSeconds(position, load);
  return {
    type: 'queue.position',
    conversationId: conversation.id,
    position,
    ...(estimate === undefined ? {} : { estimatedWaitSeconds: estimate }),
  };
}

/**
 * Tells every visitor waiting in the queue where they stand, FIFO by when their conversation started (the
 * order the store lists waiting conversations in), and roughly how long it will take. Sent whenever the queue
 * or its staffing changes, so each frame carries absolute figures and a missed one is corrected by the next.
 */
export async function publishQueuePositions(store: Store, fanout: Fanout, queueId: string): Promise<void> {
  const waiting = await store.listWaitingConversations(queueId);
  if (waiting.length === 0) return;
  const load = await queueLoad(store, queueId);
  // Independent visitors: their frames go out together rather than one publish round trip after another.
  await Promise.all(
    waiting.map((conversation, index) =>
      fanout.toVisitor(conversation.visitorId, positionFrame(conversation, index + 1, load)),
    ),
  );
}

/** The position frame for one waiting conversation (a visitor who reconnects), or undefined if not waiting. */
export async function queuePositionOf(
  store: Store,
  conversation: ConversationRow,
): Promise<VisitorServerFrame | undefined> {
  if (conversation.status !== 'waiting') return undefined;
  const waiting = await store.listWaitingConversations(conversation.queueId);
  const index = waiting.findIndex((c) => c.id === conversation.id);
  if (index < 0) return undefined;
  return positionFrame(conversation, index + 1, await queueLoad(store, conversation.queueId));
}
