import type { FastifyRequest } from 'fastify';
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
