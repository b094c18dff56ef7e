import type { Db } from './schema.ts';

/** Node heartbeats and the agents' console sockets per node (scale-out liveness). */

/** Records the node's heartbeat; true if the node was already registered (false the first time or after a reap). */
export async function heartbeatNode(db: Db, nodeId: string, at: number): Promise<boolean> {
  const updated = await db
    .updateTable('nodes')
    .set({ heartbeat_at: at })
    .where('id', '=', nodeId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return true;
  await db
    .insertInto('nodes')
    .values({ id: nodeId, heartbeat_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: at }))
    .execute();
  return false;
}

export async function addAgentConnection(db: Db, nodeId: string, userId: string): Promise<void> {
  await db
    .insertInto('agent_connections')
    .values({ node_id: nodeId, user_id: userId })
    .onConflict((oc) => oc.columns(['node_id', 'user_id']).doNothing())
    .execute();
}

export async function removeAgentConnection(db: Db, nodeId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('agent_connections')
    .where('node_id', '=', nodeId)
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Removes the nodes (but `self`) whose last heartbeat is older than `before`, with their agents' sockets, and returns the
 * agents left with no socket on any node. The deletes are the decision: when two nodes reap at once, each agent
 * row is deleted by one of them, and only that one reports it.
 */
export async function reapDeadNodes(db: Db, before: number, self: string): Promise<string[]> {
  const dead = await db
    .selectFrom('nodes')
    .select('id')
    .where('heartbeat_at', '<', before)
    .where('id', '<>', self)
    .execute();
  if (dead.length === 0) return [];
  const deadIds = dead.map((row) => row.id);
  const removed = await db
    .deleteFrom('agent_connections')
    .where('node_id', 'in', deadIds)
    .returning('user_id')
    .execute();
  await db.deleteFrom('nodes').where('id', 'in', deadIds).where('heartbeat_at', '<', before).execute();
  const agents = [...new Set(removed.map((row) => row.user_id))];
  if (agents.length === 0) return [];
  const stillConnected = await db
    .selectFrom('agent_connections')
    .select('user_id')
    .where('user_id', 'in', agents)
    .execute();
  const connected = new Set(stillConnected.map((row) => row.user_id));
  return agents.filter((id) => !connected.has(id)).sort();
}

/** Agents with at least one console socket on a registered node. */
export async function listConnectedAgents(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('agent_connections').select('user_id').distinct().execute();
  return rows.map((row) => row.user_id).sort();
}
