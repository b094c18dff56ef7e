import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as signed. */
  body: string;
  /** The status this receiver answered. */
  answered: number;
}

/**
 * A real HTTP server on an ephemeral loopback port that records every POST it receives. It answers 204, or the
 * statuses queued with `answerNext` first; `hang()` makes it read requests and never answer (timeouts), each
 * such request being listed in `held`.
 */
export class TestWebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Requests read while hanging, never answered (`answered` is 0). */
  readonly held: ReceivedWebhook[] = [];
  private statuses: number[] = [];
  private hanging = false;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<TestWebhookReceiver> {
    let receiver: TestWebhookReceiver | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (!receiver) return;
        if (receiver.hanging) {
          receiver.held.push({
            headers: request.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            answered: 0,
          });
          for (const wake of receiver.waiters.splice(0)) wake();
          return;
        }
        const answered = receiver.statuses.shift() ?? 204;
        receiver.received.push({
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          answered,
        });
        response.writeHead(answered, { 'content-type': 'text/plain' });
        response.end(answered >= 400 ? 'receiver says no' : '');
        for (const wake of receiver.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new TestWebhookReceiver(server, (server.address() as AddressInfo).port);
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** The next requests are answered with these statuses, in order; then 204 again. */
  answerNext(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  /** Requests are read and never answered, until `answer()`. */
  hang(): void {
    this.hanging = true;
  }

  answer(): void {
    this.hanging = false;
  }

  /** The bodies received so far, parsed. */
  events(): { type: string; data: Record<string, unknown> }[] {
    return this.received.map((hook) => JSON.parse(hook.body));
  }

  /** Resolves once `count` requests have been answered (real network I/O, so a real wait, bounded). */
  waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedWebhook[]> {
    return this.waitIn(this.received, count, timeoutMs);
  }

  /** Resolves once `count` requests are being held unanswered (see `hang`). */
  waitForHeld(count: number, timeoutMs = 5_000): Promise<ReceivedWebhook[]> {
    return this.waitIn(this.held, count, timeoutMs);
  }

  private async waitIn(
    list: ReceivedWebhook[],
    count: number,
    timeoutMs: number,
  ): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (list.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`expected ${count} webhook requests, received ${list.length}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return list.slice(0, count);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
