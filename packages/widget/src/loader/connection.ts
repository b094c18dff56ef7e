import type { VisitorClientFrame, VisitorServerFrame } from '@beckon/protocol';
import { reconnectDelay } from './backoff.ts';

export interface ConnectionHandlers {
  /** The socket is open: the first frame must be `hello`. */
  open(): void;
  frame(frame: VisitorServerFrame): void;
  /** The very first connection never opened: unknown key, switched-off widget or origin not allowed. */
  refused(): void;
  /** An open connection dropped; a reconnect is scheduled. */
  lost(): void;
  /** The server closed with 4000 (this widget is not allowed here anymore) or 4004 (the visitor was erased). No
   * reconnect. */
  revoked(): void;
}

const closeNotAllowed = 4000;
const closeErased = 4004;
const pingEveryMs = 25_000;
/** Without any frame for this long (pongs included) the socket is considered dead and replaced. */
const silenceLimitMs = 60_000;

/**
 * One visitor WebSocket. The server refuses bad keys and origins at the upgrade, which a browser only reports
 * as a close before open, so a connection that never opened is not retried; one that had been open is retried
 * with a capped backoff (network loss, a node restarting).
 */
export class Connection {
  #socket: WebSocket | undefined;
  #hadBeenOpen = false;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #lastHeardAt = 0;
  #stopped = false;

  readonly #url: string;
  readonly #handlers: ConnectionHandlers;

  constructor(url: string, handlers: ConnectionHandlers) {
    this.#url = url;
    this.#handlers = handlers;
    window.addEventListener('online', () => {
      if (this.#retryTimer !== undefined) this.#retryNow();
    });
  }

  get isOpen(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  connect(): void {
    if (this.#stopped) return;
    let opened = false;
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onopen = () => {
      opened = true;
      this.#hadBeenOpen = true;
      this.#lastHeardAt = Date.now();
      this.#startHeartbeat();
      this.#handlers.open();
    };
    socket.onmessage = (event) => {
      this.#lastHeardAt = Date.now();
      const frame = parse(event.data);
      if (frame) this.#handlers.frame(frame);
    };
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#dropSocket();
      if (!this.#hadBeenOpen) {
        this.#stopped = true;
        this.#handlers.refused();
      } else if (opened && (event.code === closeNotAllowed || event.code === closeErased)) {
        this.#stopped = true;
        this.#handlers.revoked();
      } else {
        if (opened) this.#handlers.lost();
        this.#scheduleRetry();
      }
    };
  }

  send(frame: VisitorClientFrame): boolean {
    if (!this.isOpen || !this.#socket) return false;
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  /** A `welcome` proves the connection works: the next drop starts the backoff from the beginning. */
  resetBackoff(): void {
    this.#attempt = 0;
  }

  #scheduleRetry(): void {
    if (this.#stopped) return;
    const delay = reconnectDelay(this.#attempt++);
    this.#retryTimer = setTimeout(() => this.#retryNow(), delay);
  }

  #retryNow(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.connect();
  }

  #startHeartbeat(): void {
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => {
      const socket = this.#socket;
      if (!socket) return;
      if (Date.now() - this.#lastHeardAt > silenceLimitMs) {
        // A half-open TCP connection can take minutes to report its death; do not wait for the close event.
        this.#dropSocket();
        socket.close();
        this.#handlers.lost();
        this.#scheduleRetry();
        return;
      }
      this.send({ type: 'ping' });
    }, pingEveryMs);
  }

  #dropSocket(): void {
    clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
    if (this.#socket) {
      this.#socket.onopen = this.#socket.onmessage = this.#socket.onclose = null;
    }
    this.#socket = undefined;
  }
}

function parse(data: unknown): VisitorServerFrame | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(data);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { type?: unknown }).type === 'string'
    ) {
      return value as VisitorServerFrame;
    }
  } catch {
    // Not JSON: ignore rather than break the page.
  }
  return undefined;
}
