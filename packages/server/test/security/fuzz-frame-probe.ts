import WebSocket from 'ws';
import type { SocketInput } from './fuzz-values.ts';

export interface Answer {
  /** The frame as received (text), its size in bytes, and its parsed JSON (undefined when it is not JSON). */
  text: string;
  bytes: number;
  binary: boolean;
  frame: unknown;
}

export interface Exchange {
  answers: Answer[];
  /** Set when the server closed the socket during the exchange. */
  closed?: { code: number; reason: string };
}

const ping = JSON.stringify({ type: 'ping' });

/**
 * A raw realtime client for fuzzing. `exchange` sends one input and then a `ping`; frames are handled in order, so
 * every frame that arrives before that ping's `pong` is the node's answer to the input.
 */
export class FrameProbe {
  private inbox: Answer[] = [];
  private pongs = 0;
  private wake: (() => void) | undefined;
  closed: { code: number; reason: string } | undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const text = (data as Buffer).toString();
      let frame: unknown;
      try {
        frame = JSON.parse(text);
      } catch {
        frame = undefined;
      }
      if ((frame as { type?: unknown } | undefined)?.type === 'pong') this.pongs++;
      this.inbox.push({ text, bytes: (data as Buffer).byteLength, binary: isBinary, frame });
      this.wake?.();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake?.();
    });
    // A failed socket also closes; the close carries what the test checks.
    ws.on('error', () => {});
  }

  static connect(url: string, headers: Record<string, string>): Promise<FrameProbe> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const probe = new FrameProbe(ws);
      ws.once('open', () => resolve(probe));
      ws.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused with HTTP ${response.statusCode}`)),
      );
      ws.once('error', reject);
    });
  }

  /** Waits for the first frame of a type (consuming everything received so far). */
  async first(type: string, timeoutMs = 5000): Promise<Answer[]> {
    await this.until(() => this.inbox.some((a) => (a.frame as { type?: unknown })?.type === type), timeoutMs);
    return this.take();
  }

  /**
   * Sends `input`, then a ping, and answers the frames received until that ping's pong (which is left out).
   * `readsAsPing` says the input passes the ping schema. The node may still refuse it before the schema (too
   * large, nested too deep, too many values, rate limited): then its one answer is an `error` frame, and the
   * first pong is already the probe's. Accepted, its one answer is a pong, and the probe's pong is the second.
   */
  async exchange(input: SocketInput, readsAsPing: boolean, timeoutMs = 5000): Promise<Exchange> {
    this.take();
    this.pongs = 0;
    if (input.kind === 'text') this.ws.send(input.data);
    else this.ws.send(input.data, { binary: input.kind === 'binary' });
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(ping);
    await this.until(() => this.pongs > (readsAsPing && !this.refusedBeforePong() ? 1 : 0), timeoutMs);
    const answers = this.take();
    const last = answers.at(-1);
    if (!this.closed && last && (last.frame as { type?: unknown })?.type === 'pong') answers.pop();
    return { answers, closed: this.closed };
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  /** An `error` frame came before the first pong: the node refused the input instead of answering it. */
  private refusedBeforePong(): boolean {
    for (const { frame } of this.inbox) {
      const type = (frame as { type?: unknown } | undefined)?.type;
      if (type === 'pong') return false;
      if (type === 'error') return true;
    }
    return false;
  }

  private take(): Answer[] {
    const taken = this.inbox;
    this.inbox = [];
    return taken;
  }

  private until(done: () => boolean, timeoutMs: number): Promise<void> {
    if (done() || this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        reject(
          new Error(
            `no answer within ${timeoutMs} ms; received ${this.inbox.map((a) => a.text.slice(0, 80)).join(' | ')}`,
          ),
        );
      }, timeoutMs);
      this.wake = () => {
        if (!done() && !this.closed) return;
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
