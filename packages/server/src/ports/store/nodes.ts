/** Nodes of a scale-out deployment: heartbeats, and the sweep of dead nodes' sockets. */

export interface NodeStore {
  /** Records a node's heartbeat; false when the node was not registered (its first beat, or it was reaped). */
  heartbeatNode(nodeId: string, at: number): Promise<boolean>;
  /**
   * Removes nodes (other than `self`) whose heartbeat is older than `before`, and their agents' sockets; returns
   * (sorted) the agents left without a socket on any node. Of concurrent calls, only the one whose delete won
   * reports an agent.
   */
  reapDeadNodes(before: number, self: string): Promise<string[]>;
  /** Drops the visitor sockets of nodes (but `self`) silent since `before`; their visitors are gone since then. */
  reapVisitorConnections(before: number, self: string): Promise<void>;
}
