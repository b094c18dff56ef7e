import {
  type AgentClientFrame,
  type AgentServerFrame,
  agentServerFrameSchema,
  closeCodes,
  type ParsedFrame,
  parseFrame,
  protocolVersion,
} from '@beckon/protocol';

/**
 * The console's one WebSocket to `/v1/agent` (cookie auth). Reconnects with capped, jittered exponential
 * backoff; every frame received is validated with the protocol schema. A frame that breaks it is not handled,
 * but reported (console.error with the schema's complaint) and counted: it means the server and this console
 * disagree on the protocol.
 */

export type SocketStatus = 'connecting' | 'open' | 'closed';

export interface AgentSocketHandlers {
  frame(frame: AgentServerFrame, receivedAt: number): void;
  /** `attempt` counts failed connections since the last open; `reconnected` is true on every open but the first. */
  status(status: SocketStatus, info: { attempt: number; reconnected: boolean }): void;
  /** The server closed with `sessionEnded`: the sign-in session is over and the socket does not reconnect. */
  sessionEnded?(): void;
}

const pingIntervalMs = 25_000;

/** Delay before reconnect attempt `attempt` (0-based): 0.5 s doubling up to 15 s, with half of it jittered. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(15_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export function agentSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/v1/agent?protocol=${protocolVersion}`;
}

/** Validates one server frame against the protocol schema. */
export function parseServerFrame(data: unknown): ParsedFrame<AgentServerFrame> {
  return parseFrame(agentServerFrameSchema, data);
}

export class AgentSocket {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private opened = false;
  private stopped = true;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  /** Frames received that broke the protocol schema (reported, not handled). */
  invalidFrames = 0;
  /** `sendLatest` frames asked for while the socket was not open, one per type, sent once it opens. */
  private readonly kept = new Map<AgentClientFrame['type'], AgentClientFrame>();

  constructor(
    private readonly url: string,
    private readonly handlers: AgentSocketHandlers,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = undefined;
    if (ws) {
      ws.onopen = ws.onclose = ws.onmessage = ws.onerror = null;
      ws.close(1000, 'signed out');
    }
  }

  /** Sends now if the socket is open; returns false otherwise (the caller decides what to retry). */
  send(frame: AgentClientFrame): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  /**
   * A frame that states what the agent wants (their presence): sent now if the socket is open, else kept, the
   * latest of its type replacing any earlier one, and sent as soon as the socket opens. A pick made while the
   * console connects or reconnects is not lost while the screen shows it.
   */
  sendLatest(frame: AgentClientFrame): void {
    if (this.send(frame)) this.kept.delete(frame.type);
    else this.kept.set(frame.type, frame);
  }

  /** Reconnect now instead of waiting out the backoff (e.g. the browser came back online). */
  retryNow(): void {
    if (this.stopped || this.ws) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  private connect(): void {
    this.handlers.status('connecting', { attempt: this.attempt, reconnected: false });
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      const reconnected = this.opened;
      this.opened = true;
      this.attempt = 0;
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), pingIntervalMs);
      this.handlers.status('open', { attempt: 0, reconnected });
      // The server's answer to each (its `presence` frame) puts the screen right if its welcome said otherwise.
      const kept = [...this.kept.values()];
      this.kept.clear();
      for (const frame of kept) this.sendLatest(frame);
    };
    ws.onmessage = (event: MessageEvent) => {
      const parsed = parseServerFrame(event.data);
      if (parsed.ok) {
        this.handlers.frame(parsed.frame, Date.now());
        return;
      }
      this.invalidFrames++;
      console.error(
        `Beckon console: a frame from the server breaks the protocol (${this.invalidFrames} so far), not handled: ${parsed.problem}`,
      );
    };
    ws.onclose = (event: CloseEvent) => {
      clearInterval(this.pingTimer);
      this.ws = undefined;
      if (this.stopped) return;
      if (event.code === closeCodes.sessionEnded) {
        this.stopped = true;
        this.handlers.status('closed', { attempt: this.attempt, reconnected: false });
        this.handlers.sessionEnded?.();
        return;
      }
      const delay = backoffDelay(this.attempt);
      this.attempt++;
      this.handlers.status('closed', { attempt: this.attempt, reconnected: false });
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }
}
