import SwaggerParser from '@apidevtools/swagger-parser';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { agentClientFrameSchema, agentServerFrameSchema } from '../agent-frames.ts';
import { apiTokenScopes } from '../api-tokens.ts';
import { visitorClientFrameSchema, visitorServerFrameSchema } from '../visitor-frames.ts';
import { asyncApiDocument } from './asyncapi.ts';
import { httpRoutes } from './http-routes.ts';
import { openApiDocument } from './openapi.ts';

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const document = openApiDocument();
    // The validator dereferences in place: give it a copy.
    const validated = await SwaggerParser.validate(structuredClone(document) as never);
    expect((validated as { openapi?: string }).openapi).toBe('3.1.0');
  });

  it('has one operation per catalogued route, with the token scope that reaches it', () => {
    const paths = openApiDocument().paths as Record<string, Record<string, { security: unknown[] }>>;
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toHaveLength(httpRoutes.length);
    expect(paths['/v1/visitors/{id}/invitations']?.post?.security).toEqual([
      { session: [] },
      { apiToken: ['visitors:write'] },
    ]);
    expect(paths['/v1/api-tokens']?.post?.security).toEqual([{ session: [] }]);
    expect(paths['/v1/visitor/files']?.post?.security).toEqual([{ visitorCredential: [] }]);
  });

  it('names only scopes that exist, and each route once', () => {
    const keys = httpRoutes.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of httpRoutes)
      expect(['public', 'session', 'visitor', ...apiTokenScopes]).toContain(route.access);
  });
});

describe('the AsyncAPI document', () => {
  it('is valid AsyncAPI 3.0', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(asyncApiDocument()));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('describes every frame type of both sockets, each way, and no other', () => {
    const messages = asyncApiDocument().components as { messages: Record<string, { name: string }> };
    const documented = Object.keys(messages.messages).sort();
    const expected = [
      ['visitor-client', visitorClientFrameSchema],
      ['visitor-server', visitorServerFrameSchema],
      ['agent-client', agentClientFrameSchema],
      ['agent-server', agentServerFrameSchema],
    ].flatMap(([prefix, union]) =>
      (union as { options: { shape: { type: { value: string } } }[] }).options.map(
        (o) => `${prefix}-${o.shape.type.value}`,
      ),
    );
    expect(documented).toEqual(expected.sort());
    expect(documented).toContain('visitor-client-hello');
    expect(documented).toContain('agent-server-offer.new');
  });
});
