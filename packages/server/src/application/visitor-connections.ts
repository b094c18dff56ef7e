import { closeCodes, type VisitorServerFrame } from '@beckon/protocol';
import { topics, type VisitorsErased } from '../domain/fanout.ts';
import type { Services } from '../domain/services.ts';
import { isOriginAllowed, type WidgetAccess } from '../domain/widgets/widget-access.ts';
import type { Peer, ReportError } from './peer.ts';
import { VisitorConnection, type VisitorOrigin } from './visitor-connection.ts';

/**
 * The visitor connections open on this node. When an admin switches a widget off or removes an origin (on any
 * node: the change comes through the bus), the connections it no longer allows are closed with
 * `closeCodes.notAllowed`, and the widget does not reconnect. When an admin erases a visitor (on any node), its
 * sockets are closed with `closeCodes.erased`: nothing more is written about a person who is gone.
 */
export class VisitorConnections {
  private readonly open = new Set<VisitorConnection>();
  private stopWatching: (() => Promise<void>) | undefined;
  private stopWatchingErasures: (() => Promise<void>) | undefined;

  constructor(
    private readonly s: Services,
    private readonly report: ReportError,
  ) {}

  /** Starts following widget access changes; call once before accepting connections. */
  async start(): Promise<void> {
    this.stopWatching ??= await this.s.bus.subscribe(topics.widgetAccess, (payload) =>
      this.accessChanged(payload as WidgetAccess),
    );
    this.stopWatchingErasures ??= await this.s.bus.subscribe(topics.visitorsErased, (payload) =>
      this.erased(payload as VisitorsErased),
    );
    await this.s.liveVisitors.start();
  }

  async stop(): Promise<void> {
    await this.s.liveVisitors.close();
    await this.stopWatching?.();
    await this.stopWatchingErasures?.();
    this.stopWatching = undefined;
    this.stopWatchingErasures = undefined;
  }

  connect(from: VisitorOrigin, peer: Peer<VisitorServerFrame>): VisitorConnection {
    const connection: VisitorConnection = new VisitorConnection(this.s, this.report, from, peer, () =>
      this.open.delete(connection),
    );
    this.open.add(connection);
    return connection;
  }

  private accessChanged(access: WidgetAccess): void {
    for (const connection of this.open) {
      const { widget, origin, ownWindow } = connection.from;
      if (widget.id !== access.widgetId) continue;
      const allowed = access.enabled && (ownWindow || isOriginAllowed(access, origin));
      if (!allowed) connection.peer.close(closeCodes.notAllowed, 'widget not allowed here anymore');
    }
  }

  private erased({ visitorIds }: VisitorsErased): void {
    const ids = new Set(visitorIds);
    for (const connection of this.open) {
      const id = connection.visitorId;
      if (id !== undefined && ids.has(id)) connection.peer.close(closeCodes.erased, 'personal data erased');
    }
  }
}
