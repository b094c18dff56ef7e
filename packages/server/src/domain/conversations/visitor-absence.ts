import type { Clock } from '../../ports/clock.ts';
import type { ConversationStore, PresenceStore } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';
import { KeyedLock } from '../keyed-lock.ts';
import { isLeftMessage } from './conversation-start.ts';
import type { ConversationsService } from './conversations-service.ts';

/** How long a visitor with an open chat may be gone (no socket) before the chat is closed for them. */
export const visitorGoneMs = 3 * 60_000;

const goneKey = (visitorId: string) => `visitor-gone:${visitorId}`;

/**
 * Closes the open conversation of a visitor who has been gone for more than three minutes, so the agent is not
 * left talking to nobody and can wrap up. The store is the truth: which nodes hold a socket of the visitor, and
 * since when they have had none anywhere (`gone_since`). A socket on any node keeps the chat open. The node the
 * last socket closed on arms a timer for the exact moment; every node's periodic sweep (`sweep`) also closes what
 * is overdue, so the close still happens when that node died or restarted. The end is a conditional write, so
 * exactly one node closes each chat.
 */
export class VisitorAbsence {
  /** Visitor sockets on this node (several tabs). */
  private readonly sockets = new Map<string, number>();
  /** Disconnections still being recorded. */
  private readonly pending = new Set<Promise<void>>();
  private readonly lock = new KeyedLock();
  private left = false;

  constructor(
    private readonly store: Pick<PresenceStore, 'addVisitorConnection' | 'removeVisitorConnection'> &
      Pick<ConversationStore, 'findOpenConversation' | 'listAbandonedConversations'>,
    private readonly clock: Clock,
    private readonly deadlines: Deadlines,
    private readonly conversations: ConversationsService,
    readonly nodeId: string,
  ) {}

  async connected(visitorId: string): Promise<void> {
    if (this.left) return;
    const count = (this.sockets.get(visitorId) ?? 0) + 1;
    this.sockets.set(visitorId, count);
    this.deadlines.cancel(goneKey(visitorId));
    if (count === 1) {
      await this.lock.run(visitorId, async () => {
        if (this.sockets.has(visitorId)) await this.store.addVisitorConnection(this.nodeId, visitorId);
      });
    }
  }

  async disconnected(visitorId: string): Promise<void> {
    if (this.left) return;
    // A graceful shutdown waits for these before the store closes (`leave`).
    const work = this.disconnect(visitorId);
    this.pending.add(work);
    try {
      await work;
    } finally {
      this.pending.delete(work);
    }
  }

  private async disconnect(visitorId: string): Promise<void> {
    const left = (this.sockets.get(visitorId) ?? 1) - 1;
    if (left > 0) {
      this.sockets.set(visitorId, left);
      return;
    }
    this.sockets.delete(visitorId);
    const since = this.clock.now();
    await this.lock.run(visitorId, async () => {
      // A socket of the same visitor may have opened while this one was closing.
      if (!this.sockets.has(visitorId))
        await this.store.removeVisitorConnection(this.nodeId, visitorId, since);
    });
    if (!(await this.store.findOpenConversation(visitorId))) return;
    this.deadlines.arm(goneKey(visitorId), since + visitorGoneMs, () => this.sweep());
  }

  /** Closes every open chat whose visitor has had no socket on any node for more than three minutes. */
  async sweep(): Promise<void> {
    const cutoff = this.clock.now() - visitorGoneMs;
    for (const conversation of await this.store.listAbandonedConversations(cutoff)) {
      // A left message waits for an agent with nobody connected: the answer goes by e-mail.
      if (isLeftMessage(conversation)) continue;
      await this.conversations.endAbandoned(conversation);
    }
  }

  /** This node's row was reaped while it stalled: put its live visitor sockets back. */
  async reRegister(): Promise<void> {
    for (const visitorId of this.sockets.keys())
      await this.store.addVisitorConnection(this.nodeId, visitorId);
  }

  /** Graceful shutdown: this node's sockets are gone; the visitors' absence starts now (they may reconnect). */
  async leave(): Promise<void> {
    this.left = true;
    // Sockets closed by the shutdown itself are still recording their absence: let them finish first.
    await Promise.allSettled([...this.pending]);
    const now = this.clock.now();
    for (const visitorId of [...this.sockets.keys()]) {
      this.sockets.delete(visitorId);
      await this.lock.run(visitorId, () => this.store.removeVisitorConnection(this.nodeId, visitorId, now));
    }
  }
}
