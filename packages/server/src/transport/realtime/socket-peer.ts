import type { CloseCode, ErrorCode } from '@beckon/protocol';
import type WebSocket from 'ws';
import type { Peer } from '../../application/peer.ts';
import type { FrameChannel } from './frame-channel.ts';

/**
 * A socket's `Peer`: its frames go through the channel, a close to the socket. A class rather than an object of
 * four arrow functions, because a node holds one per visitor: methods on the prototype cost nothing per
 * socket, four closures (each with its kept name) cost about a KiB.
 */
export class SocketPeer<In extends { type: string }, Out extends { type: string }> implements Peer<Out> {
  constructor(
    private readonly channel: FrameChannel<In, Out>,
    private readonly ws: WebSocket,
  ) {}

  send(frame: Out): void {
    this.channel.send(frame);
  }

  sendText(text: string): void {
    this.channel.sendText(text);
  }

  sendError(code: ErrorCode, message: string, ref?: string, details?: unknown): void {
    this.channel.sendError(code, message, ref, details);
  }

  close(code: CloseCode, reason: string): void {
    this.ws.close(code, reason);
  }
}
