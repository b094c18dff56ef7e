import { apiTokenScopes, type CreatedApiToken } from '@beckon/protocol';
import { httpRoutes } from '@beckon/protocol/api-description';
import { login } from '@beckon/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { type Harness, password, startHarness } from './harness.ts';
import { registeredRoutes } from './route-table.ts';

/**
 * Every route of the catalogue, called with API tokens: the route's scope lets the request through its gate (what
 * follows may still refuse, e.g. a missing id), every other scope is refused with API_TOKEN_SCOPE, and routes that
 * take a session only refuse a token holding every scope.
 */
let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await login(h.url, 'admin@beckon.local', password);
});
afterAll(() => h.close());

async function token(scopes: readonly string[]): Promise<string> {
  const { status, body } = await api<CreatedApiToken>(h, admin, 'POST', '/v1/api-tokens', {
    name: `${scopes.length} scopes from ${scopes[0]}`,
    scopes,
  });
  expect(status).toBe(201);
  return body.token;
}

async function call(bearer: string, method: string, path: string) {
  const changes = method !== 'GET';
  const response = await fetch(`${h.url}${path.replace(/:\w+/g, 'x_missing')}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(changes ? { 'content-type': 'application/json' } : {}),
    },
    body: changes ? '{}' : undefined,
  });
  const text = await response.text();
  const code = text ? (JSON.parse(text) as { error?: { code: string } }).error?.code : undefined;
  return { status: response.status, code };
}

describe('API token scopes on every route', () => {
  it('catalogues exactly the routes the node registers', () => {
    const registered = registeredRoutes(h.node.app.printRoutes({ commonPrefix: false }))
      .filter((route) => route.split(' ')[1]!.startsWith('/v1/'))
      .sort();
    expect(httpRoutes.map((route) => `${route.method} ${route.path}`).sort()).toEqual(registered);
  });

  it('lets the route scope through and refuses every other scope', async () => {
    for (const scope of apiTokenScopes) {
      const routes = httpRoutes.filter((route) => route.access === scope);
      if (routes.length === 0) continue;
      const only = await token([scope]);
      const others = await token(apiTokenScopes.filter((s) => s !== scope));
      for (const route of routes) {
        const allowed = await call(only, route.method, route.path);
        expect([route.path, allowed.code]).not.toEqual([route.path, 'API_TOKEN_SCOPE']);
        expect([route.path, allowed.status]).not.toEqual([route.path, 401]);
        const refused = await call(others, route.method, route.path);
        expect([route.method, route.path, refused.status, refused.code]).toEqual([
          route.method,
          route.path,
          403,
          'API_TOKEN_SCOPE',
        ]);
      }
    }
  });

  it('refuses a token with every scope on the session-only routes', async () => {
    const every = await token(apiTokenScopes);
    for (const route of httpRoutes.filter((r) => r.access === 'session')) {
      const refused = await call(every, route.method, route.path);
      expect([route.method, route.path, refused.status, refused.code]).toEqual([
        route.method,
        route.path,
        403,
        'API_TOKEN_SCOPE',
      ]);
    }
  });
});
