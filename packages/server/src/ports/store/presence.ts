import type { Presence } from '@beckon/protocol';

/**
 * Who is reachable: the agents' chosen status and console sockets per node, and the visitors' sockets per node
 * (with when a visitor's last one closed, for the visitor-gone close).
 */

export interface PresenceStore {
  setPresence(userId: string, status: Presence, at: number): Promise<void>;
  getPresence(userId: string): Promise<Presence>;
  /** The agent has at least one console socket on this node. Idempotent. */
  addAgentConnection(nodeId: string, userId: string): Promise<void>;
  /** The agent's last console socket on this node closed. */
  removeAgentConnection(nodeId: string, userId: string): Promise<void>;
  /** The visitor has a socket on this node: no longer gone. */
  addVisitorConnection(nodeId: string, visitorId: string): Promise<void>;
  /** The node's last socket of the visitor closed; with none left on any node, the visitor is gone since `at`. */
  removeVisitorConnection(nodeId: string, visitorId: string, at: number): Promise<void>;
}
