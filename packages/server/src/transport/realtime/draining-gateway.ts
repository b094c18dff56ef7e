import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

/**
 * Answers upgrades while the node shuts down: the socket opens and is closed at once with 1013 (try again
 * later). A refused upgrade would look to a browser like a wrong widget key and stop the widget for good; a
 * close after opening makes both the widget and the console reconnect, and the load balancer sends them to a
 * node that is ready.
 */
export class DrainingGateway {
  private readonly wss = new WebSocketServer({ noServer: true });

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => ws.close(1013, 'node shutting down'));
  }
}
