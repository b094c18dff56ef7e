import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { truncatedIp } from '../../domain/privacy/truncated-ip.ts';

/**
 * How a request appears in the log: Fastify's default fields, but the client's address cut to its network
 * (IPv4 /24, IPv6 /48) and no port, so the log holds no full address.
 */
export const requestLogSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: request.url,
      host: request.host,
      remoteAddress: truncatedIp(request.ip),
    };
  },
};

/**
 * Fastify's per-request lines at `debug` instead of `info`: a node at the default level logs what happened,
 * not every request; BECKON_LOG_LEVEL=debug shows them. A request that errored is still logged as an error.
 */
export class DebugRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error || this.isLogDisabled(request)) {
      super.requestCompleted(error, request, reply);
      return;
    }
    reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
