import { createServer, type Server } from 'node:http';
import type { ScrapedMetrics } from '../../ports/metrics.ts';

/**
 * `GET /metrics` on a port of its own (BECKON_METRICS_PORT), so the numbers never reach the public listener the
 * widget and console use; bind it to an address only the scraper reaches (BECKON_METRICS_HOST, loopback by
 * default). Anything else gets a 404.
 */
export class MetricsServer {
  private readonly server: Server;

  constructor(metrics: ScrapedMetrics) {
    this.server = createServer((request, response) => {
      if (
        request.method !== 'GET' ||
        new URL(request.url ?? '/', 'http://metrics.invalid').pathname !== '/metrics'
      ) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Only GET /metrics is served here.' } }),
        );
        return;
      }
      metrics.render().then(
        (text) => {
          response.writeHead(200, { 'content-type': metrics.contentType });
          response.end(text);
        },
        () => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({ error: { code: 'INTERNAL', message: 'The metrics could not be read.' } }),
          );
        },
      );
    });
  }

  /** Listens; resolves with the port (the configured one, or the one picked for port 0). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
