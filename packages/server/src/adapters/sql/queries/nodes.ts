import type { NodeStore } from '../../../ports/store.ts';
import type { Db } from '../schema.ts';

/** Node heartbeats, and the sweep of the sockets of nodes that died (scale-out liveness). */
export class SqlNodes implements NodeStore {
  constructor(private readonly db: Db) {}

  /** Records the node's heartbeat; true if the node was already registered (false the first time or after a reap). */
  async heartbeatNode(nodeId: string, at: number): Promise<boolean> {
    const updated = await this.db
      .updateTable('nodes')
      .set({ heartbeat_at: at })
      .where('id', '=', nodeId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return true;
    await this.db
      .insertInto('nodes')
      .values({ id: nodeId, heartbeat_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: at }))
      .execute();
    return false;
  }

  /**
   * Removes the nodes (but `self`) whose last heartbeat is older than `before`, with their agents' sockets, and returns the
   * agents left with no socket on any node. The deletes are the decision: when two nodes reap at once, each agent
   * row is deleted by one of them, and only that one reports it.
   */
  async reapDeadNodes(before: number, self: string): Promise<string[]> {
    const dead = await this.db
      .selectFrom('nodes')
      .select('id')
      .where('heartbeat_at', '<', before)
      .where('id', '<>', self)
      .execute();
    if (dead.length === 0) return [];
    const deadIds = dead.map((row) => row.id);
    const removed = await this.db
      .deleteFrom('agent_connections')
      .where('node_id', 'in', deadIds)
      .returning('user_id')
      .execute();
    await this.db.deleteFrom('nodes').where('id', 'in', deadIds).where('heartbeat_at', '<', before).execute();
    const agents = [...new Set(removed.map((row) => row.user_id))];
    if (agents.length === 0) return [];
    const stillConnected = await this.db
      .selectFrom('agent_connections')
      .select('user_id')
      .where('user_id', 'in', agents)
      .execute();
    const connected = new Set(stillConnected.map((row) => row.user_id));
    return agents.filter((id) => !connected.has(id)).sort();
  }

  /**
   * The sockets of nodes that died (no heartbeat since `before`): removed, and their visitors counted gone since
   * `before` unless they have a socket on another node. Run by the node sweep before the dead nodes are reaped.
   */
  async reapVisitorConnections(before: number, self: string): Promise<void> {
    const dead = this.db
      .selectFrom('nodes')
      .select('id')
      .where('heartbeat_at', '<', before)
      .where('id', '<>', self);
    const removed = await this.db
      .deleteFrom('visitor_connections')
      .where('node_id', 'in', dead)
      .returning('visitor_id')
      .execute();
    const visitors = [...new Set(removed.map((row) => row.visitor_id))];
    if (visitors.length === 0) return;
    await this.db
      .updateTable('visitors')
      .set({ gone_since: before })
      .where('id', 'in', visitors)
      .where('gone_since', 'is', null)
      .where(({ not, exists, selectFrom, ref }) =>
        not(
          exists(
            selectFrom('visitor_connections')
              .select('node_id')
              .whereRef('visitor_id', '=', ref('visitors.id')),
          ),
        ),
      )
      .execute();
  }
}
