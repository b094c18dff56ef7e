import { asyncApiDocument, openApiDocument } from '@beckon/protocol/api-description';
import type { FastifyInstance } from 'fastify';

/**
 * The API described: OpenAPI 3.1 for HTTP, AsyncAPI 3.0 for the two sockets, built from the protocol's schemas on
 * first request and kept. Public: they describe open-source code and hold no data.
 */
export function apiDescriptionRoutes(app: FastifyInstance): void {
  let openApi: string | undefined;
  let asyncApi: string | undefined;
  app.get('/v1/openapi.json', async (_request, reply) => {
    openApi ??= JSON.stringify(openApiDocument());
    return reply.type('application/json; charset=utf-8').send(openApi);
  });
  app.get('/v1/asyncapi.json', async (_request, reply) => {
    asyncApi ??= JSON.stringify(asyncApiDocument());
    return reply.type('application/json; charset=utf-8').send(asyncApi);
  });
}
