import { closeCodes } from '@beckon/protocol';
import type { SignedIn } from '../domain/accounts/accounts-service.ts';
import { type SessionsEnded, topics } from '../domain/fanout.ts';
import type { Services } from '../domain/services.ts';
import type { TimerHandle } from '../ports/clock.ts';

/** Closes one agent socket. */
export type CloseSocket = (code: number, reason: string) => void;

interface OpenSocket {
  userId: string;
  sessionId: string;
  close: CloseSocket;
  expiry: TimerHandle;
}

/**
 * The agent sockets open on this node, by the sign-in session that opened them. A session that ends anywhere
 * (sign-out, a disabled, deleted or re-roled account, a password change: announced on the bus) or reaches its
 * expiry on this node's clock closes its sockets with `closeCodes.sessionEnded`, and the console shows the
 * sign-in screen.
 */
export class AgentSessions {
  private readonly open = new Set<OpenSocket>();
  private stopWatching: (() => Promise<void>) | undefined;

  constructor(private readonly s: Services) {}

  /** Starts following ended sessions; call once before accepting agent sockets. */
  async start(): Promise<void> {
    this.stopWatching ??= await this.s.bus.subscribe(topics.sessionsEnded, (payload) =>
      this.ended(payload as SessionsEnded),
    );
  }

  async stop(): Promise<void> {
    await this.stopWatching?.();
    this.stopWatching = undefined;
    for (const socket of this.open) this.s.clock.clearTimer(socket.expiry);
    this.open.clear();
  }

  /** Tracks a socket opened with `signedIn`; returns what to call when the socket closes. */
  opened(signedIn: SignedIn, close: CloseSocket): () => void {
    const { clock } = this.s;
    const socket: OpenSocket = {
      userId: signedIn.user.id,
      sessionId: signedIn.session.id,
      close,
      expiry: clock.setTimer(signedIn.session.expiresAt, () => {
        this.open.delete(socket);
        close(closeCodes.sessionEnded, 'session expired');
      }),
    };
    this.open.add(socket);
    return () => {
      clock.clearTimer(socket.expiry);
      this.open.delete(socket);
    };
  }

  private ended({ userId, sessionIds }: SessionsEnded): void {
    const ids = new Set(sessionIds);
    for (const socket of [...this.open]) {
      if (socket.userId !== userId || !ids.has(socket.sessionId)) continue;
      this.s.clock.clearTimer(socket.expiry);
      this.open.delete(socket);
      socket.close(closeCodes.sessionEnded, 'session ended');
    }
  }
}
