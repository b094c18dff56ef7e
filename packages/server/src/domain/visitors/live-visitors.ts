// Over 300 lines: one protocol between nodes (arrive, change, leave, refresh in parts, sync, leave) and the union it keeps.
import type { LiveInvitation, LiveVisitor, VisitorServerFrame } from '@beckon/protocol';
import { eventCounts } from '@beckon/rules';
import type { Bus } from '../../ports/bus.ts';
import type { Clock } from '../../ports/clock.ts';
import type { AccountStore, ConversationStore, InvitationStore } from '../../ports/store.ts';
import { Periodic } from '../../scheduler/periodic.ts';
import { topics } from '../fanout.ts';
import { type LocalVisitor, liveVisitorView } from './live-visitor-view.ts';
import type { VisitorSession } from './visitor-session.ts';

/** How often each node says again which visitors it holds; a node silent for three periods is dropped. */
export const liveRefreshMs = 30_000;
const staleAfterMs = 3 * liveRefreshMs;
/** Activity signals come often; they move `lastActiveAt` for other nodes at most this often. */
const activityEveryMs = 30_000;
/**
 * Visitors per message of a refresh. The whole list of a node holding 19,000 visitors in one message took the
 * event loop for hundreds of milliseconds (views, JSON, then hearing it back), delaying every timer due then;
 * in parts, each its own turn, no step is long. A part of 500 still took 50–140 ms of one turn on a loaded
 * machine (its views, then this node hearing it in the same turn); 100 keeps it near the page views' own turns.
 */
export const refreshPartSize = 100;

/** What nodes say to each other on `topics.liveVisitors`. */
type LiveMessage =
  | { kind: 'upsert'; nodeId: string; visitor: LiveVisitor }
  | { kind: 'remove'; nodeId: string; visitorId: string }
  /** A node's whole list in one message (nodes before `refresh-part`; still understood). */
  | { kind: 'refresh'; nodeId: string; visitors: LiveVisitor[] }
  /**
   * A part of a node's whole list; the `last` part ends the round: that node's visitors neither in a part of
   * the round nor upserted since it began are gone.
   */
  | { kind: 'refresh-part'; nodeId: string; round: number; visitors: LiveVisitor[]; last: boolean }
  | { kind: 'sync'; nodeId: string }
  | { kind: 'leave'; nodeId: string };

type Stores = Pick<InvitationStore, 'findShownInvitation' | 'listInvitations'> &
  Pick<ConversationStore, 'findOpenConversation'> &
  Pick<AccountStore, 'getUser'>;

/**
 * Who is on the site now, across nodes. Each node knows its own visitor sockets; it tells every node (the bus)
 * when one of its visitors arrives, changes (page, consent, identity, invitation, chat) or leaves, and says its
 * whole list again every 30 s. Every node keeps the union, so an agent on any node sees the same list; a node
 * that stops talking (it died) has its visitors dropped after three missed refreshes.
 */
export class LiveVisitors {
  private readonly local = new Map<string, LocalVisitor>();
  /** Every node's visitors: visitor id → node id → what that node says. */
  private readonly all = new Map<string, Map<string, LiveVisitor>>();
  private readonly nodeSeenAt = new Map<string, number>();
  /** Per node, its refresh round in progress: the visitors it said in it so far. */
  private readonly rounds = new Map<string, { round: number; said: Set<string> }>();
  private round = 0;
  private readonly listeners = new Set<(visitorIds: string[]) => void>();
  private readonly refresher: Periodic;
  private stop: (() => Promise<void>) | undefined;

  constructor(
    private readonly store: Stores,
    private readonly bus: Bus,
    private readonly clock: Clock,
    readonly nodeId: string,
    private readonly onError: (key: string, error: unknown) => void,
    /** No other node can ever join (the embedded store on the in-process bus). */
    private readonly alone = false,
  ) {
    this.refresher = new Periodic(
      clock,
      liveRefreshMs,
      () => this.refresh(),
      (error) => onError('live-visitors-refresh', error),
    );
  }

  /** Joins the other nodes: listens, then asks them for their lists. */
  async start(): Promise<void> {
    if (this.stop) return;
    this.stop = await this.bus.subscribe(topics.liveVisitors, (payload) =>
      this.heard(payload as LiveMessage),
    );
    this.refresher.start();
    await this.publish({ kind: 'sync', nodeId: this.nodeId });
  }

  async close(): Promise<void> {
    await this.refresher.stop();
    await this.publish({ kind: 'leave', nodeId: this.nodeId }).catch(() => {});
    await this.stop?.();
    this.stop = undefined;
  }

  /** Told with the ids of visitors that arrived, changed or left (on any node). */
  onChange(listener: (visitorIds: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every live visitor as known now (a visitor with tabs on two nodes: the most recently active one). */
  *visitors(): Iterable<LiveVisitor> {
    for (const id of this.all.keys()) {
      const visitor = this.get(id);
      if (visitor) yield visitor;
    }
  }

  get(visitorId: string): LiveVisitor | undefined {
    let best: LiveVisitor | undefined;
    for (const visitor of this.all.get(visitorId)?.values() ?? []) {
      if (!best || visitor.lastActiveAt > best.lastActiveAt) best = visitor;
    }
    return best;
  }

  /** A visitor tab said hello on this node. */
  async connected(session: VisitorSession): Promise<void> {
    const existing = this.local.get(session.visitorId);
    if (existing) {
      existing.tabs.add(session);
      existing.latest = session;
      return this.publishLocal(session.visitorId);
    }
    const [shown, open, since] = await Promise.all([
      this.store.findShownInvitation(session.visitorId),
      this.store.findOpenConversation(session.visitorId),
      this.store.listInvitations(session.visitorId, session.visit.startedAt),
    ]);
    const record: LocalVisitor = {
      tabs: new Set([session]),
      latest: session,
      invitedThisVisit: since.some((invitation) => invitation.status !== 'held'),
      visitStartedAt: session.visit.startedAt,
      publishedActiveAt: this.clock.now(),
    };
    if (shown) record.invitation = await this.liveInvitation(shown);
    if (open && open.status !== 'ended') record.conversation = open.status;
    // Another tab may have arrived while the store answered.
    const raced = this.local.get(session.visitorId);
    if (raced) {
      raced.tabs.add(session);
      raced.latest = session;
    } else {
      this.local.set(session.visitorId, record);
    }
    await this.publishLocal(session.visitorId);
  }

  /** The tab's page, consent or identity changed. */
  changed(session: VisitorSession): Promise<void> {
    const record = this.local.get(session.visitorId);
    if (!record) return Promise.resolve();
    record.latest = session;
    return this.publishLocal(session.visitorId);
  }

  /**
   * The tab tracked an event: other nodes learn it when it changes what the acceptance model reads of the events (a
   * new name, or a name's second time), not on every event.
   */
  tracked(session: VisitorSession): Promise<void> {
    const record = this.local.get(session.visitorId);
    if (!record) return Promise.resolve();
    const events = JSON.stringify(eventCounts(session.events));
    if (events === record.publishedEvents) return Promise.resolve();
    record.latest = session;
    return this.publishLocal(session.visitorId);
  }

  /** Activity on the page: other nodes learn it now and then, enough for the idle filter. */
  active(session: VisitorSession): Promise<void> {
    const record = this.local.get(session.visitorId);
    const now = this.clock.now();
    if (!record || now - record.publishedActiveAt < activityEveryMs) return Promise.resolve();
    return this.publishLocal(session.visitorId);
  }

  /**
   * A frame on the visitor's topic (from any node): invitations and chats change where the visitor stands.
   * `message…` and `typing` frames are not handed here (visitor-connection.ts `chatTraffic`).
   */
  async frameToVisitor(visitorId: string, frame: VisitorServerFrame): Promise<void> {
    const record = this.local.get(visitorId);
    if (!record) return;
    if (frame.type === 'invitation.show') {
      record.invitedThisVisit = true;
      record.invitation = {
        id: frame.invitation.id,
        source: frame.invitation.source,
        expiresAt: frame.invitation.expiresAt,
      };
      if (frame.invitation.source === 'agent') {
        // The view names the agent; the id comes from the stored invitation.
        const shown = await this.store.findShownInvitation(visitorId);
        if (shown?.id === frame.invitation.id) record.invitation = await this.liveInvitation(shown);
      }
    } else if (frame.type === 'invitation.closed') {
      if (record.invitation?.id === frame.invitationId) record.invitation = undefined;
    } else if (frame.type === 'conversation.update') {
      const { status } = frame.conversation;
      record.conversation = status === 'ended' ? undefined : status;
    } else {
      return;
    }
    await this.publishLocal(visitorId);
  }

  /** A tab closed; the visitor leaves the list when its last tab on this node did. */
  async disconnected(session: VisitorSession): Promise<void> {
    const record = this.local.get(session.visitorId);
    if (!record) return;
    record.tabs.delete(session);
    if (record.tabs.size > 0) {
      if (record.latest === session) record.latest = [...record.tabs].at(-1)!;
      return this.publishLocal(session.visitorId);
    }
    this.local.delete(session.visitorId);
    await this.publish({ kind: 'remove', nodeId: this.nodeId, visitorId: session.visitorId });
  }

  private async liveInvitation(invitation: {
    id: string;
    source: LiveInvitation['source'];
    agentId?: string;
    expiresAt: number;
  }): Promise<LiveInvitation> {
    const live: LiveInvitation = {
      id: invitation.id,
      source: invitation.source,
      expiresAt: invitation.expiresAt,
    };
    if (invitation.agentId) {
      live.agentId = invitation.agentId;
      const agent = await this.store.getUser(invitation.agentId);
      if (agent) live.agentName = agent.name;
    }
    return live;
  }

  private publishLocal(visitorId: string): Promise<void> {
    const record = this.local.get(visitorId);
    if (!record) return Promise.resolve();
    record.publishedActiveAt = this.clock.now();
    record.publishedEvents = JSON.stringify(eventCounts(record.latest.events));
    return this.publish({ kind: 'upsert', nodeId: this.nodeId, visitor: liveVisitorView(record) });
  }

  /**
   * Says this node's whole list again, and drops the visitors of nodes that went silent. A node that can never
   * have company (the embedded store's, on the in-process bus) has nobody to say it to and hears its own
   * messages without loss: at 19,000 visitors the refresh built, sent and heard back 19,000 views every 30 s.
   */
  private async refresh(): Promise<void> {
    if (this.alone) return;
    const now = this.clock.now();
    for (const [nodeId, seenAt] of this.nodeSeenAt) {
      if (nodeId !== this.nodeId && now - seenAt > staleAfterMs) this.dropNode(nodeId);
    }
    const records = [...this.local.values()];
    const round = ++this.round;
    for (let from = 0; ; from += refreshPartSize) {
      // A record may have gone while earlier parts were sent: its `remove` was published, it is not said again.
      const part = records
        .slice(from, from + refreshPartSize)
        .filter((record) => this.local.get(record.latest.visitorId) === record);
      const last = from + refreshPartSize >= records.length;
      const visitors = part.map((record) => liveVisitorView(record));
      await this.publish({ kind: 'refresh-part', nodeId: this.nodeId, round, visitors, last });
      if (last) return;
      // The next part in a later turn: what arrived meanwhile (page views, due checks) runs in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private publish(message: LiveMessage): Promise<void> {
    return this.bus.publish(topics.liveVisitors, message);
  }

  private heard(message: LiveMessage): void {
    const changed: string[] = [];
    this.nodeSeenAt.set(message.nodeId, this.clock.now());
    switch (message.kind) {
      case 'upsert':
        this.put(message.nodeId, message.visitor);
        this.rounds.get(message.nodeId)?.said.add(message.visitor.id);
        changed.push(message.visitor.id);
        break;
      case 'remove':
        this.drop(message.nodeId, message.visitorId);
        changed.push(message.visitorId);
        break;
      case 'refresh': {
        const now = new Set(message.visitors.map((visitor) => visitor.id));
        for (const [visitorId, byNode] of this.all) {
          if (byNode.has(message.nodeId) && !now.has(visitorId)) {
            this.drop(message.nodeId, visitorId);
            changed.push(visitorId);
          }
        }
        for (const visitor of message.visitors) {
          this.put(message.nodeId, visitor);
          changed.push(visitor.id);
        }
        break;
      }
      case 'refresh-part': {
        let round = this.rounds.get(message.nodeId);
        if (round?.round !== message.round) {
          // A new round (one whose last part was lost is dropped with it).
          round = { round: message.round, said: new Set() };
          this.rounds.set(message.nodeId, round);
        }
        for (const visitor of message.visitors) {
          this.put(message.nodeId, visitor);
          round.said.add(visitor.id);
          changed.push(visitor.id);
        }
        if (message.last) {
          this.rounds.delete(message.nodeId);
          for (const [visitorId, byNode] of this.all) {
            if (byNode.has(message.nodeId) && !round.said.has(visitorId)) {
              this.drop(message.nodeId, visitorId);
              changed.push(visitorId);
            }
          }
        }
        break;
      }
      case 'sync':
        // A node joined: it hears this node's list at once rather than at the next refresh.
        if (message.nodeId !== this.nodeId)
          void this.refresh().catch((error) => this.onError('live-sync', error));
        return;
      case 'leave':
        this.dropNode(message.nodeId);
        this.nodeSeenAt.delete(message.nodeId);
        this.rounds.delete(message.nodeId);
        return;
    }
    if (changed.length) this.notify(changed);
  }

  private put(nodeId: string, visitor: LiveVisitor): void {
    let byNode = this.all.get(visitor.id);
    if (!byNode) {
      byNode = new Map();
      this.all.set(visitor.id, byNode);
    }
    byNode.set(nodeId, visitor);
  }

  private drop(nodeId: string, visitorId: string): void {
    const byNode = this.all.get(visitorId);
    byNode?.delete(nodeId);
    if (byNode?.size === 0) this.all.delete(visitorId);
  }

  private dropNode(nodeId: string): void {
    const dropped: string[] = [];
    for (const [visitorId, byNode] of this.all) {
      if (!byNode.has(nodeId)) continue;
      this.drop(nodeId, visitorId);
      dropped.push(visitorId);
    }
    if (dropped.length) this.notify(dropped);
  }

  private notify(visitorIds: string[]): void {
    for (const listener of this.listeners) listener(visitorIds);
  }
}
