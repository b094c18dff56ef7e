import { sql } from 'kysely';
import type { ConversationRow } from '../../ports/store.ts';
import { conversationFromRow, toNumber } from './mappers.ts';
import type { Db } from './schema.ts';

/**
 * State several nodes decide on, kept in the store so no node's memory is the truth: the agents' missed-offer
 * counts and the visitors' sockets per node (with when the last one closed), for the visitor-gone close.
 */

/** One more offer timed out for the agent; the count after it. */
export async function recordMissedOffer(db: Db, agentId: string): Promise<number> {
  const row = await db
    .updateTable('users')
    .set({ missed_offers: sql<number>`${sql.ref('missed_offers')} + 1` })
    .where('id', '=', agentId)
    .returning('missed_offers')
    .executeTakeFirst();
  return row ? toNumber(row.missed_offers) : 0;
}

export async function resetMissedOffers(db: Db, agentId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ missed_offers: 0 })
    .where('id', '=', agentId)
    .where('missed_offers', '<>', 0)
    .execute();
}

export async function addVisitorConnection(db: Db, nodeId: string, visitorId: string): Promise<void> {
  await db
    .insertInto('visitor_connections')
    .values({ node_id: nodeId, visitor_id: visitorId })
    .onConflict((oc) => oc.columns(['node_id', 'visitor_id']).doNothing())
    .execute();
  await db.updateTable('visitors').set({ gone_since: null }).where('id', '=', visitorId).execute();
}

/** Removes the node's socket row; if the visitor has none left anywhere, they are gone since `at`. */
export async function removeVisitorConnection(
  db: Db,
  nodeId: string,
  visitorId: string,
  at: number,
): Promise<void> {
  await db
    .deleteFrom('visitor_connections')
    .where('node_id', '=', nodeId)
    .where('visitor_id', '=', visitorId)
    .execute();
  await db
    .updateTable('visitors')
    .set({ gone_since: at })
    .where('id', '=', visitorId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('visitor_connections').select('node_id').where('visitor_id', '=', visitorId))),
    )
    .execute();
}

/**
 * The sockets of nodes that died (no heartbeat since `before`): removed, and their visitors counted gone since
 * `before` unless they have a socket on another node. Run by the node sweep before the dead nodes are reaped.
 */
export async function reapVisitorConnections(db: Db, before: number, self: string): Promise<void> {
  const dead = db.selectFrom('nodes').select('id').where('heartbeat_at', '<', before).where('id', '<>', self);
  const removed = await db
    .deleteFrom('visitor_connections')
    .where('node_id', 'in', dead)
    .returning('visitor_id')
    .execute();
  const visitors = [...new Set(removed.map((row) => row.visitor_id))];
  if (visitors.length === 0) return;
  await db
    .updateTable('visitors')
    .set({ gone_since: before })
    .where('id', 'in', visitors)
    .where('gone_since', 'is', null)
    .where(({ not, exists, selectFrom, ref }) =>
      not(
        exists(
          selectFrom('visitor_connections').select('node_id').whereRef('visitor_id', '=', ref('visitors.id')),
        ),
      ),
    )
    .execute();
}

/**
 * Open (`waiting` or `active`) conversations whose visitor has had no socket on any node since at or before
 * `goneBefore`, oldest first.
 */
export async function listAbandonedConversations(db: Db, goneBefore: number): Promise<ConversationRow[]> {
  const rows = await db
    .selectFrom('conversations')
    .innerJoin('visitors', 'visitors.id', 'conversations.visitor_id')
    .selectAll('conversations')
    .where('conversations.status', 'in', ['waiting', 'active'])
    .where('visitors.gone_since', 'is not', null)
    .where('visitors.gone_since', '<=', goneBefore)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('visitor_connections')
            .select('visitor_connections.node_id')
            .whereRef('visitor_connections.visitor_id', '=', 'conversations.visitor_id'),
        ),
      ),
    )
    .orderBy('conversations.created_at')
    .orderBy('conversations.id')
    .execute();
  return rows.map(conversationFromRow);
}
