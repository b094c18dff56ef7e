import type { Presence } from '@beckon/protocol';
import type { PresenceStore } from '../../../ports/store.ts';
import type { Db } from '../schema.ts';

/**
 * Presence, and the sockets per node of agents and visitors. A visitor with no socket left on any node is gone
 * since their last one closed (`gone_since`), which the visitor-gone close reads from the store, not memory.
 */
export class SqlPresence implements PresenceStore {
  constructor(private readonly db: Db) {}

  async setPresence(userId: string, status: Presence, at: number): Promise<void> {
    await this.db
      .insertInto('presence')
      .values({ user_id: userId, status, updated_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ status, updated_at: at }))
      .execute();
  }

  async getPresence(userId: string): Promise<Presence> {
    const row = await this.db
      .selectFrom('presence')
      .select('status')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    // Someone who never set a status has never been reachable.
    return (row?.status as Presence | undefined) ?? 'offline';
  }

  async addAgentConnection(nodeId: string, userId: string): Promise<void> {
    await this.db
      .insertInto('agent_connections')
      .values({ node_id: nodeId, user_id: userId })
      .onConflict((oc) => oc.columns(['node_id', 'user_id']).doNothing())
      .execute();
  }

  async removeAgentConnection(nodeId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom('agent_connections')
      .where('node_id', '=', nodeId)
      .where('user_id', '=', userId)
      .execute();
  }

  async addVisitorConnection(nodeId: string, visitorId: string): Promise<void> {
    await this.db
      .insertInto('visitor_connections')
      .values({ node_id: nodeId, visitor_id: visitorId })
      .onConflict((oc) => oc.columns(['node_id', 'visitor_id']).doNothing())
      .execute();
    await this.db.updateTable('visitors').set({ gone_since: null }).where('id', '=', visitorId).execute();
  }

  /** Removes the node's socket row; if the visitor has none left anywhere, they are gone since `at`. */
  async removeVisitorConnection(nodeId: string, visitorId: string, at: number): Promise<void> {
    await this.db
      .deleteFrom('visitor_connections')
      .where('node_id', '=', nodeId)
      .where('visitor_id', '=', visitorId)
      .execute();
    await this.db
      .updateTable('visitors')
      .set({ gone_since: at })
      .where('id', '=', visitorId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('visitor_connections').select('node_id').where('visitor_id', '=', visitorId))),
      )
      .execute();
  }
}
