import type { CloseCode, ErrorCode } from '@beckon/protocol';

/**
 * The far end of one connection as the use cases see it: whatever transport carries the frames (a WebSocket
 * today) implements this, so the use cases run unchanged over another one.
 */
export interface Peer<Out> {
  send(frame: Out): void;
  /** Sends a frame already serialised (an `Out` frame's JSON text, as the bus delivers it). */
  sendText(text: string): void;
  sendError(code: ErrorCode, message: string, ref?: string, details?: unknown): void;
  /** Ends the connection with a documented close code (protocol close-codes). */
  close(code: CloseCode, reason: string): void;
}

/** Where a use case reports a failure of work it started and no one awaits (the transport logs it). */
export type ReportError = (error: unknown, message: string) => void;
