import type { ApiToken, AuditListResponse, CreatedApiToken } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, userIdOf } from './api.ts';
import { type Harness, password, startHarness } from './harness.ts';

let h: Harness;
let admin: string;
beforeEach(async () => {
  h = await startHarness({ env: { BECKON_API_TOKEN_RATE_LIMIT: '5' } });
  admin = await login(h.url, 'admin@beckon.local', password);
});
afterEach(async () => {
  await h.close();
});

/** A request as an integration: the token, no cookie, and an Origin of its own (no console origin). */
async function bearer(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${h.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      origin: 'https://crm.example.com',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (text ? JSON.parse(text) : undefined) as { error?: { code: string } } & Record<string, unknown>,
  };
}

async function createToken(input: Record<string, unknown>): Promise<CreatedApiToken> {
  const { status, body } = await api<CreatedApiToken>(h, admin, 'POST', '/v1/api-tokens', input);
  expect(status).toBe(201);
  return body;
}

describe('API tokens', () => {
  it('are created once with their secret, listed without it, used, and revoked', async () => {
    const created = await createToken({ name: 'CRM', scopes: ['widgets:read'] });
    expect(created.token).toMatch(/^tok_[\w-]+\.[\w-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(created).toMatchObject({
      name: 'CRM',
      scopes: ['widgets:read'],
      expiresAt: null,
      lastUsedAt: null,
    });

    const listed = await api<{ tokens: ApiToken[] }>(h, admin, 'GET', '/v1/api-tokens');
    expect(listed.body.tokens.map((t) => t.id)).toEqual([created.id]);
    expect(JSON.stringify(listed.body)).not.toContain(created.token.split('.')[1]);
    // Only the hash is stored.
    const row = await h.node.store.getApiToken(created.id);
    expect(JSON.stringify(row)).not.toContain(created.token.split('.')[1]);

    await h.clock.advance(5000);
    const widgets = await bearer(created.token, 'GET', '/v1/widgets');
    expect(widgets.status).toBe(200);
    const used = await api<{ tokens: ApiToken[] }>(h, admin, 'GET', '/v1/api-tokens');
    expect(used.body.tokens[0]!.lastUsedAt).toBe(h.clock.now());

    expect((await api(h, admin, 'DELETE', `/v1/api-tokens/${created.id}`)).status).toBe(204);
    const refused = await bearer(created.token, 'GET', '/v1/widgets');
    expect([refused.status, refused.body.error?.code]).toEqual([401, 'API_TOKEN_INVALID']);
    expect((await api(h, admin, 'DELETE', `/v1/api-tokens/${created.id}`)).status).toBe(404);
    const after = await api<{ tokens: ApiToken[] }>(h, admin, 'GET', '/v1/api-tokens');
    expect(after.body.tokens[0]!.revokedAt).toBe(h.clock.now());
  });

  it('refuse a wrong, malformed or forged token', async () => {
    const created = await createToken({ name: 'CRM', scopes: ['widgets:read'] });
    const [id, secret] = created.token.split('.');
    for (const token of [
      `${id}.${secret!.slice(0, -1)}A`,
      `${id}`,
      '',
      'tok_nope.abc',
      `${id}.${secret}.x`,
    ]) {
      const refused = await bearer(token, 'GET', '/v1/widgets');
      expect([token, refused.status, refused.body.error?.code]).toEqual([token, 401, 'API_TOKEN_INVALID']);
    }
  });

  it('reach only the routes of their scopes, and never the session-only ones', async () => {
    const created = await createToken({ name: 'Reader', scopes: ['widgets:read'] });
    const write = await bearer(created.token, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, { title: 'X' });
    expect([write.status, write.body.error?.code]).toEqual([403, 'API_TOKEN_SCOPE']);
    const every = await createToken({
      name: 'Everything',
      scopes: ['widgets:read', 'widgets:write', 'customers:read', 'customers:write', 'visitors:write'],
    });
    for (const [method, path] of [
      ['GET', '/v1/users'],
      ['POST', '/v1/account/password'],
      ['POST', '/v1/account/two-factor/setup'],
      ['GET', '/v1/api-tokens'],
      ['POST', '/v1/api-tokens'],
      ['GET', '/v1/audit'],
    ] as const) {
      const refused = await bearer(every.token, method, path, method === 'GET' ? undefined : {});
      expect([path, refused.status, refused.body.error?.code]).toEqual([path, 403, 'API_TOKEN_SCOPE']);
    }
  });

  it('expire on the clock', async () => {
    const created = await createToken({
      name: 'Short',
      scopes: ['widgets:read'],
      expiresAt: h.clock.now() + 60_000,
    });
    expect((await bearer(created.token, 'GET', '/v1/widgets')).status).toBe(200);
    await h.clock.advance(60_000);
    const expired = await bearer(created.token, 'GET', '/v1/widgets');
    expect([expired.status, expired.body.error?.code]).toEqual([401, 'API_TOKEN_EXPIRED']);
    const past = await api(h, admin, 'POST', '/v1/api-tokens', {
      name: 'Past',
      scopes: ['widgets:read'],
      expiresAt: h.clock.now() - 1,
    });
    expect(past.status).toBe(400);
  });

  it('act as the admin who created them: refused once that account is disabled', async () => {
    const created = await createToken({ name: 'CRM', scopes: ['widgets:read'] });
    const adminId = await userIdOf(h, 'admin@beckon.local');
    await h.node.store.updateUser(adminId, { status: 'disabled' });
    const refused = await bearer(created.token, 'GET', '/v1/widgets');
    expect([refused.status, refused.body.error?.code]).toEqual([401, 'API_TOKEN_INVALID']);
  });

  it('are rate limited per token, each token on its own count', async () => {
    const first = await createToken({ name: 'A', scopes: ['widgets:read'] });
    const second = await createToken({ name: 'B', scopes: ['widgets:read'] });
    for (let i = 0; i < 5; i++) expect((await bearer(first.token, 'GET', '/v1/widgets')).status).toBe(200);
    const limited = await bearer(first.token, 'GET', '/v1/widgets');
    expect([limited.status, limited.body.error?.code]).toEqual([429, 'API_TOKEN_RATE_LIMITED']);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect((await bearer(second.token, 'GET', '/v1/widgets')).status).toBe(200);
    // The console's session is not counted against any token.
    expect((await api(h, admin, 'GET', '/v1/widgets')).status).toBe(200);
  });

  it('are created and revoked by admins only, with the session, and audited', async () => {
    const agent = await login(h.url, 'agent@beckon.local', password);
    expect(
      (await api(h, agent, 'POST', '/v1/api-tokens', { name: 'X', scopes: ['widgets:read'] })).status,
    ).toBe(403);
    expect((await api(h, admin, 'POST', '/v1/api-tokens', { name: '', scopes: [] })).status).toBe(400);
    expect(
      (await api(h, admin, 'POST', '/v1/api-tokens', { name: 'X', scopes: ['everything:write'] })).status,
    ).toBe(400);
    const created = await createToken({ name: 'CRM', scopes: ['widgets:read'] });
    await h.clock.advance(1000);
    await api(h, admin, 'DELETE', `/v1/api-tokens/${created.id}`);
    const { body } = await api<AuditListResponse>(h, admin, 'GET', '/v1/audit?limit=5');
    expect(
      body.entries.filter((e) => e.targetType === 'api_token').map((e) => [e.action, e.targetId]),
    ).toEqual([
      ['api_token.revoked', created.id],
      ['api_token.created', created.id],
    ]);
    expect(JSON.stringify(body)).not.toContain(created.token);
  });

  it('invite a visitor with visitors:write, audited with the token', async () => {
    const created = await createToken({ name: 'Marketing', scopes: ['visitors:write'] });
    const missing = await bearer(created.token, 'POST', '/v1/visitors/vis_nobody/invitations', {
      message: 'Hello!',
    });
    // Through the gate to the use case: the visitor is not on the site.
    expect([missing.status, missing.body.error?.code]).toEqual([404, 'VISITOR_NOT_CONNECTED']);
    const readOnly = await createToken({ name: 'Reader', scopes: ['visitors:read'] });
    const refused = await bearer(readOnly.token, 'POST', '/v1/visitors/vis_nobody/invitations', {
      message: 'Hello!',
    });
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'API_TOKEN_SCOPE']);
  });

  it('skip the origin check without a cookie, keep it with one', async () => {
    const created = await createToken({ name: 'CRM', scopes: ['customers:write'] });
    const input = { name: 'Ann', email: 'ann@example.com' };
    const fromAnywhere = await bearer(created.token, 'POST', '/v1/customers', input);
    expect(fromAnywhere.status).toBe(201);
    const withCookie = await fetch(`${h.url}/v1/customers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${created.token}`,
        cookie: admin,
        origin: 'https://evil.example.com',
        'content-type': 'application/json',
      },
      body: JSON.stringify(input),
    });
    expect(withCookie.status).toBe(403);
    expect(((await withCookie.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN_ORIGIN');
  });
});
