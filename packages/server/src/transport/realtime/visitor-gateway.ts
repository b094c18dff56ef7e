import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  frameLimits,
  limits,
  type VisitorClientFrame,
  type VisitorServerFrame,
  visitorClientFrameSchema,
} from '@beckon/protocol';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import type { VisitorConnections } from '../../application/visitor-connections.ts';
import { SharedWidgetRows } from '../../domain/widgets/shared-widget-rows.ts';
import { isOriginAllowed } from '../../domain/widgets/widget-access.ts';
import type { Clock } from '../../ports/clock.ts';
import { type Metrics, noMetrics } from '../../ports/metrics.ts';
import type { Store } from '../../ports/store.ts';
import type { TrustFunction } from '../client-address.ts';
import { FrameChannel, frameTypes } from './frame-channel.ts';
import type { InFlight } from './in-flight.ts';
import { SocketPeer } from './socket-peer.ts';
import { clientIp, isOwnOrigin, refuseUpgrade } from './upgrade.ts';

const knownTypes = frameTypes(visitorClientFrameSchema);

/**
 * `/v1/visitor`: the widget's socket. Checks the widget key and the page origin before accepting the upgrade,
 * then carries frames between the socket and its `VisitorConnection` use case until the socket closes.
 */
export class VisitorGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: frameLimits.frameHardMaxBytes });
  /** The sessions of one widget share its row instead of each keeping its own copy. */
  private readonly widgets = new SharedWidgetRows();

  constructor(
    private readonly deps: { store: Store; clock: Clock; connections: VisitorConnections },
    private readonly logger: Logger,
    private readonly hooks: {
      inFlight?: InFlight;
      trustProxy?: TrustFunction | false;
      /** A socket with no valid hello this long after opening is closed (frame-channel.ts `identify`). */
      helloTimeoutMs?: number;
      metrics?: Metrics;
    } = {},
  ) {}

  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const key = url.searchParams.get('key') ?? '';
    const read = key ? await this.deps.store.getWidgetByKey(key) : undefined;
    if (!read) return refuseUpgrade(socket, 'WIDGET_NOT_FOUND', 'No widget has this key.');
    const widget = this.widgets.share(read);
    if (!widget.enabled) return refuseUpgrade(socket, 'WIDGET_DISABLED', 'This widget is switched off.');
    const origin = request.headers.origin;
    const allowed = isOriginAllowed(widget, origin);
    // Beckon's own chat window from an origin the widget does not list: its hello must carry a handover.
    const ownWindow = !allowed && url.searchParams.get('window') === '1' && isOwnOrigin(request);
    if (!allowed && !ownWindow) {
      this.logger.info({ widget: widget.id, origin }, 'visitor origin refused');
      return refuseUpgrade(socket, 'ORIGIN_NOT_ALLOWED', 'This page may not embed this widget.');
    }
    const ip = clientIp(request, this.hooks.trustProxy);
    this.wss.handleUpgrade(request, socket, head, (ws) =>
      this.connection(ws, socket, { widget, ip, origin, ownWindow }),
    );
  }

  /** Tells every open socket to reconnect elsewhere (graceful shutdown). */
  closeAll(code: number, reason: string): void {
    for (const ws of this.wss.clients) ws.close(code, reason);
  }

  private connection(
    ws: WebSocket,
    socket: Duplex,
    from: Parameters<VisitorConnections['connect']>[0],
  ): void {
    const channel: FrameChannel<VisitorClientFrame, VisitorServerFrame> = new FrameChannel(ws, {
      schema: visitorClientFrameSchema,
      knownTypes,
      logger: this.logger,
      framesPerSecond: limits.visitorFramesPerSecond,
      now: () => this.deps.clock.now(),
      inFlight: this.hooks.inFlight,
      metrics: { kind: 'visitor', metrics: this.hooks.metrics ?? noMetrics },
      identify: this.hooks.helloTimeoutMs
        ? { type: 'hello', withinMs: this.hooks.helloTimeoutMs, clock: this.deps.clock }
        : undefined,
      handle: (frame) => connection.receive(frame),
      socket,
    });
    const connection = this.deps.connections.connect(from, new SocketPeer(channel, ws));
    ws.on('close', () => connection.closed());
    ws.on('error', (error) => this.logger.debug({ err: error }, 'visitor socket error'));
  }
}
