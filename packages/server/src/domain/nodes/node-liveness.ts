import type { Clock } from '../../ports/clock.ts';
import type { Store } from '../../ports/store.ts';
import type { VisitorAbsence } from '../conversations/visitor-absence.ts';
import { KeyedLock } from '../keyed-lock.ts';
import type { InvitationLifecycle } from '../proactive/invitations.ts';
import type { RoutingService } from '../routing/routing-service.ts';

export interface NodeLivenessOptions {
  nodeId: string;
  /** A node whose heartbeat is older than this is dead. */
  ttlMs: number;
}

/**
 * What keeps a cluster whole when a node dies without cleaning up (kill -9, power loss). On every sweep this
 * node (1) beats, (2) applies every overdue once-only deadline found in the store — invitation expiry and offer
 * timeout — whichever node armed it, and (3) reaps dead nodes, taking their agents offline so routing stops
 * offering them work until they reconnect. Each step is a conditional write, so when several nodes sweep at
 * once exactly one applies each change.
 */
export class NodeLiveness {
  /** Console sockets per agent on this node. */
  private readonly sockets = new Map<string, number>();
  private readonly lock = new KeyedLock();
  /** Set by a graceful shutdown: sockets closing after it have nothing left to record. */
  private left = false;
  /** This node's last two successful beats, on its clock. */
  private lastBeatAt: number | undefined;
  private previousBeatAt: number | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly invitations: Pick<InvitationLifecycle, 'recover'>,
    private readonly routing: RoutingService,
    private readonly options: NodeLivenessOptions,
    private readonly visitors?: VisitorAbsence,
  ) {}

  get nodeId(): string {
    return this.options.nodeId;
  }

  /** Beat, then take over what is overdue. */
  async sweep(): Promise<void> {
    await this.beat();
    await this.takeOver();
  }

  /**
   * Records that this node is alive. Also run on its own cadence, so a long takeover (many overdue deadlines)
   * never makes a live node look dead.
   */
  async beat(): Promise<void> {
    const now = this.clock.now();
    if (!(await this.store.heartbeatNode(this.nodeId, now))) {
      // First beat, or this node stalled past the TTL and was reaped: put its live sockets back.
      for (const agentId of this.sockets.keys()) await this.store.addAgentConnection(this.nodeId, agentId);
      await this.visitors?.reRegister();
    }
    // Two beats at one instant (the late timer's and a sweep's, right after a stall) say nothing of a cadence.
    if (now === this.lastBeatAt) return;
    this.previousBeatAt = this.lastBeatAt;
    this.lastBeatAt = now;
  }

  /**
   * Whether this node may judge others dead now: only while its own beats are regular. A node that was itself
   * stalled (a long GC pause, a suspended VM, a test clock jumping far ahead) sees everyone's heartbeat as old,
   * its own included, and must not take live nodes' agents offline for it.
   */
  private beatingSteadily(now: number): boolean {
    const limit = (this.options.ttlMs * 2) / 3;
    if (this.lastBeatAt === undefined || this.previousBeatAt === undefined) return false;
    return now - this.lastBeatAt <= limit && this.lastBeatAt - this.previousBeatAt <= limit;
  }

  /**
   * Applies overdue deadlines of any node, takes dead nodes' agents offline (their visitors start counting as
   * gone) and closes the chats of visitors gone too long.
   */
  async takeOver(): Promise<void> {
    const now = this.clock.now();
    await this.invitations.recover();
    await this.routing.recover();
    if (this.beatingSteadily(now)) {
      // Visitor sockets first: reaping the nodes removes the rows that tell which sockets were theirs.
      await this.store.reapVisitorConnections(now - this.options.ttlMs, this.nodeId);
      for (const agentId of await this.store.reapDeadNodes(now - this.options.ttlMs, this.nodeId)) {
        await this.routing.agentUnreachable(agentId);
      }
    }
    await this.visitors?.sweep();
  }

  /** An agent's console socket opened on this node. */
  async agentConnected(agentId: string): Promise<void> {
    if (this.left) return;
    const count = (this.sockets.get(agentId) ?? 0) + 1;
    this.sockets.set(agentId, count);
    if (count === 1)
      await this.lock.run(`agent:${agentId}`, () => this.store.addAgentConnection(this.nodeId, agentId));
  }

  async agentDisconnected(agentId: string): Promise<void> {
    if (this.left) return;
    const count = (this.sockets.get(agentId) ?? 0) - 1;
    if (count > 0) {
      this.sockets.set(agentId, count);
      return;
    }
    this.sockets.delete(agentId);
    await this.lock.run(`agent:${agentId}`, async () => {
      // A socket of the same agent may have opened while this one was closing.
      if (!this.sockets.has(agentId)) await this.store.removeAgentConnection(this.nodeId, agentId);
    });
  }

  /** Graceful shutdown: this node's sockets are gone; other nodes need not wait for the TTL. */
  async leave(): Promise<void> {
    this.left = true;
    await this.visitors?.leave();
    for (const agentId of [...this.sockets.keys()]) {
      this.sockets.delete(agentId);
      await this.lock.run(`agent:${agentId}`, () => this.store.removeAgentConnection(this.nodeId, agentId));
    }
  }
}
