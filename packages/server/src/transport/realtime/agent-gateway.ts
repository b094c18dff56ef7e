import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type AgentClientFrame,
  type AgentServerFrame,
  agentClientFrameSchema,
  frameLimits,
  limits,
} from '@beckon/protocol';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { AgentConnection, type AgentPresenceRecord } from '../../application/agent-connection.ts';
import type { AgentSessions } from '../../application/agent-sessions.ts';
import type { SignedIn } from '../../domain/accounts/accounts-service.ts';
import type { Services } from '../../domain/services.ts';
import { type Metrics, noMetrics } from '../../ports/metrics.ts';
import { sessionCookie } from '../http/session-cookie.ts';
import { FrameChannel, frameTypes } from './frame-channel.ts';
import type { InFlight } from './in-flight.ts';
import { cookieValue, refuseUpgrade } from './upgrade.ts';

const knownTypes = frameTypes(agentClientFrameSchema);

export interface AgentGatewayHooks {
  inFlight?: InFlight;
  /** Told when an agent's socket opens and closes on this node (node liveness keeps the store's record). */
  liveness?: AgentPresenceRecord;
  /** Closes the socket when its sign-in session ends or expires. */
  sessions?: AgentSessions;
  metrics?: Metrics;
}

/**
 * `/v1/agent`: the console's socket, authenticated by the session cookie; `?protocol=` names the protocol version
 * (absent = 1). Carries frames between the socket and its `AgentConnection` use case until the socket closes.
 */
export class AgentGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: frameLimits.frameHardMaxBytes });

  constructor(
    private readonly services: Services,
    private readonly logger: Logger,
    private readonly hooks: AgentGatewayHooks = {},
  ) {}

  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url?: URL): Promise<void> {
    const signedIn = await this.services.accounts.signedIn(cookieValue(request, sessionCookie));
    if (!signedIn) return refuseUpgrade(socket, 'UNAUTHENTICATED', 'Sign in first.');
    if (signedIn.user.passwordChangeRequired)
      return refuseUpgrade(socket, 'PASSWORD_CHANGE_REQUIRED', 'Change your temporary password first.');
    if (signedIn.twoFactorEnrolmentRequired)
      return refuseUpgrade(socket, 'TWO_FACTOR_ENROLMENT_REQUIRED', 'Turn on two-factor sign-in first.');
    const asked = url?.searchParams.get('protocol');
    const version = asked ? Number(asked) : undefined;
    this.wss.handleUpgrade(request, socket, head, (ws) => this.connection(ws, socket, signedIn, version));
  }

  closeAll(code: number, reason: string): void {
    for (const ws of this.wss.clients) ws.close(code, reason);
  }

  private connection(ws: WebSocket, socket: Duplex, signedIn: SignedIn, version: number | undefined): void {
    const agent = signedIn.user;
    const untrack = this.hooks.sessions?.opened(signedIn, (code, reason) => ws.close(code, reason));
    const channel: FrameChannel<AgentClientFrame, AgentServerFrame> = new FrameChannel(ws, {
      schema: agentClientFrameSchema,
      knownTypes,
      logger: this.logger,
      framesPerSecond: limits.visitorFramesPerSecond * 2,
      now: () => this.services.clock.now(),
      handle: (frame) => connection.receive(frame),
      inFlight: this.hooks.inFlight,
      metrics: { kind: 'agent', metrics: this.hooks.metrics ?? noMetrics },
      socket,
    });
    const connection = new AgentConnection(
      this.services,
      (error, message) => this.logger.warn({ err: error, agent: agent.id }, message),
      agent,
      {
        send: (frame) => channel.send(frame),
        sendText: (text) => channel.sendText(text),
        sendError: (code, message, ref, details) => channel.sendError(code, message, ref, details),
        close: (code, reason) => ws.close(code, reason),
      },
      this.hooks.liveness,
    );
    ws.on('close', () => {
      untrack?.();
      connection.closed();
    });
    ws.on('error', (error) => this.logger.debug({ err: error }, 'agent socket error'));
    connection.open(version).catch((error: unknown) => {
      this.logger.error({ err: error, agent: agent.id }, 'agent connection failed to open');
    });
  }
}
