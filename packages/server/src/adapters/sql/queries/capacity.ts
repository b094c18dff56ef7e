import { sql } from 'kysely';
import type { Acceptance, CapacityStore, OfferRow } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';
import { assignWaiting, SqlConversations } from './conversations.ts';
import { insertOffer, SqlOffers } from './offers.ts';
import { SqlQueues } from './queues.ts';

/**
 * Work given to an agent only while they have free capacity (`capacity − active conversations − pending
 * offers`). The check and the write share one transaction that first writes the agent's `users` row: on
 * PostgreSQL that row lock serialises every capacity decision for the agent across connections and nodes (and,
 * being a no-key update, does not block foreign-key checks); SQLite runs one transaction at a time anyway.
 */

async function withFreeCapacity(
  db: Db,
  agentId: string,
  write: (tx: Db) => Promise<boolean>,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const agent = await tx
      .updateTable('users')
      .set({ capacity: sql<number>`${sql.ref('capacity')}` })
      .where('id', '=', agentId)
      .returning('capacity')
      .executeTakeFirst();
    if (!agent) return false;
    // Read after the lock, in a statement of its own: in the locking statement PostgreSQL's snapshot would predate
    // the work another session committed while this one waited for the row.
    const held = await tx
      .selectFrom('users')
      .select((eb) => [
        eb
          .selectFrom('conversations')
          .select((c) => c.fn.countAll().as('n'))
          .where('agent_id', '=', agentId)
          .where('status', '=', 'active')
          .as('active'),
        eb
          .selectFrom('offers')
          .select((o) => o.fn.countAll().as('n'))
          .where('agent_id', '=', agentId)
          .where('status', '=', 'pending')
          .as('pending'),
      ])
      .where('id', '=', agentId)
      .executeTakeFirstOrThrow();
    if (toNumber(held.active ?? 0) + toNumber(held.pending ?? 0) >= toNumber(agent.capacity)) return false;
    return write(tx);
  });
}

/** The capacity-checked writes: offers, auto-assignments and acceptances. */
export class SqlCapacity implements CapacityStore {
  constructor(private readonly db: Db) {}

  createOfferWithinCapacity(offer: OfferRow, queueId?: string): Promise<boolean> {
    return withFreeCapacity(this.db, offer.agentId, async (tx) => {
      if (!(await insertOffer(tx, offer))) return false;
      if (queueId !== undefined)
        await new SqlQueues(tx).markQueueMemberOffered(queueId, offer.agentId, offer.createdAt);
      return true;
    });
  }

  assignConversationWithinCapacity(id: string, agentId: string, at: number): Promise<boolean> {
    return withFreeCapacity(this.db, agentId, (tx) => assignWaiting(tx, id, agentId, at));
  }

  /**
   * The offer `pending` → `accepted` and its conversation `waiting` → `active`, in one transaction under the same
   * per-agent row lock as the capacity check: the slot the pending offer held becomes the active conversation with
   * no moment in between when another routing cycle could count it free.
   */
  async acceptOffer(id: string, at: number, agentId?: string): Promise<Acceptance> {
    return this.db.transaction().execute(async (tx): Promise<Acceptance> => {
      const offer = await tx
        .selectFrom('offers')
        .select(['agent_id', 'conversation_id', 'expires_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      // The agent and the deadline never change: read before the lock, they still hold.
      if (!offer || toNumber(offer.expires_at) <= at) return { outcome: 'closed' };
      if (agentId !== undefined && offer.agent_id !== agentId) return { outcome: 'closed' };
      await tx
        .updateTable('users')
        .set({ capacity: sql<number>`${sql.ref('capacity')}` })
        .where('id', '=', offer.agent_id)
        .execute();
      const offers = new SqlOffers(tx);
      if (!(await offers.closeOffer(id, 'accepted', at))) return { outcome: 'closed' };
      await offers.resetMissedOffers(offer.agent_id);
      if (!(await assignWaiting(tx, offer.conversation_id, offer.agent_id, at))) return { outcome: 'ended' };
      const conversation = await new SqlConversations(tx).getConversation(offer.conversation_id);
      return { outcome: 'assigned', conversation: conversation! };
    });
  }
}
