import type { Store } from '../../ports/store.ts';
import type { Fanout } from '../fanout.ts';

/**
 * Tells every visitor waiting in the queue where they stand, FIFO by when their conversation started (the
 * order the store lists waiting conversations in). Sent whenever the queue changes, so each frame carries the
 * absolute position and a missed one is corrected by the next. No estimated wait yet: it needs handling-time
 * figures routing does not keep.
 */
export async function publishQueuePositions(store: Store, fanout: Fanout, queueId: string): Promise<void> {
  const waiting = await store.listWaitingConversations(queueId);
  for (const [index, conversation] of waiting.entries()) {
    await fanout.toVisitor(conversation.visitorId, {
      type: 'queue.position',
      conversationId: conversation.id,
      position: index + 1,
    });
  }
}
