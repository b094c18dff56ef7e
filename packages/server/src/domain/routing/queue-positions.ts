import type { VisitorServerFrame } from '@beckon/protocol';
import type { ConversationRow, QueueStanding, Store } from '../../ports/store.ts';
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

/** The estimate's inputs from a standing read. */
function standingLoad(standing: QueueStanding): QueueLoad {
  const { totalMs, count } = standing.handled;
  return { averageHandlingMs: count === 0 ? undefined : totalMs / count, slots: standing.slots };
}

function positionFrame(conversationId: string, position: number, load: QueueLoad): VisitorServerFrame {
  const estimate = estimateWaitSeconds(position, load);
  return {
    type: 'queue.position',
    conversationId,
    position,
    ...(estimate === undefined ? {} : { estimatedWaitSeconds: estimate }),
  };
}

/**
 * Tells every visitor waiting in the queue where they stand, FIFO by when their conversation started, and roughly
 * how long it will take, from one read of the queue's standing. Sent whenever the queue or its staffing changes,
 * so each frame carries absolute figures and a missed one is corrected by the next. With `from`, only the first
 * waiting conversation of that set and those behind it are told (nothing if none of them waits any more).
 */
export async function publishQueuePositions(
  store: Store,
  fanout: Fanout,
  queueId: string,
  from?: ReadonlySet<string>,
): Promise<void> {
  const standing = await store.getQueueStanding(queueId, handledSample);
  if (!standing) return;
  const first = from ? standing.waiting.findIndex((c) => from.has(c.conversationId)) : 0;
  if (first < 0) return;
  const load = standingLoad(standing);
  // Independent visitors: their frames go out together rather than one publish round trip after another.
  await Promise.all(
    standing.waiting
      .slice(first)
      .map(({ conversationId, visitorId }, index) =>
        fanout.toVisitor(visitorId, positionFrame(conversationId, first + index + 1, load)),
      ),
  );
}

/** The position frame for one waiting conversation (a visitor who reconnects), or undefined if not waiting. */
export async function queuePositionOf(
  store: Store,
  conversation: ConversationRow,
): Promise<VisitorServerFrame | undefined> {
  if (conversation.status !== 'waiting') return undefined;
  const standing = await store.getQueueStanding(conversation.queueId, handledSample);
  const index = standing?.waiting.findIndex((c) => c.conversationId === conversation.id) ?? -1;
  if (!standing || index < 0) return undefined;
  return positionFrame(conversation.id, index + 1, standingLoad(standing));
}
