import { login } from '@beckon/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness } from './harness.ts';

let h: Harness;
let adminCookie: string;
let agentCookie: string;
beforeAll(async () => {
  h = await startHarness();
  adminCookie = await login(h.url, 'admin@beckon.local', password);
  agentCookie = await login(h.url, 'agent@beckon.local', password);
});
afterAll(async () => {
  await h.close();
});

async function call(method: string, path: string, cookie?: string, body?: unknown) {
  const response = await fetch(`${h.url}${path}`, {
    method,
    headers: {
      ...(cookie ? { cookie, origin: h.url } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

describe('HTTP API', () => {
  it('health and readiness', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('GET', '/readyz')).body).toEqual({ status: 'ready' });
  });

  it('signs in with an HttpOnly cookie and refuses wrong passwords with a stable code', async () => {
    const ok = await fetch(`${h.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agent@beckon.local', password }),
    });
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(ok.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const wrong = await call('POST', '/v1/auth/login', undefined, {
      email: 'agent@beckon.local',
      password: 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const me = await call('GET', '/v1/auth/me', agentCookie);
    expect(me.body.user).toMatchObject({ email: 'agent@beckon.local', role: 'agent' });
  });

  it('requires a session and the admin role where it changes configuration', async () => {
    expect((await call('GET', '/v1/widgets')).body.error.code).toBe('UNAUTHENTICATED');
    const forbidden = await call('PATCH', `/v1/widgets/${h.demoWidgetId}`, agentCookie, {
      proactiveEnabled: false,
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
  });

  it('lets an admin switch Proactive chat and edit origins; the secret is never returned', async () => {
    const patched = await call('PATCH', `/v1/widgets/${h.demoWidgetId}`, adminCookie, {
      proactiveEnabled: false,
      allowedOrigins: [h.origin, 'https://shop.example'],
      identityAlgorithm: 'HS256',
      identitySecret: 'a-very-secret-shared-key-of-32-bytes!',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      proactiveEnabled: false,
      allowedOrigins: [h.origin, 'https://shop.example'],
    });
    expect(JSON.stringify(patched.body)).not.toContain('a-very-secret');
    const widgets = await call('GET', '/v1/widgets', agentCookie);
    expect(widgets.body.widgets[0].proactiveEnabled).toBe(false);
  });

  it('changes only the fields a PATCH names', async () => {
    const before = await call('GET', `/v1/widgets/${h.demoWidgetId}`, adminCookie);
    const after = await call('PATCH', `/v1/widgets/${h.demoWidgetId}`, adminCookie, { title: 'Help desk' });
    expect(after.body).toEqual({ ...before.body, title: 'Help desk' });
  });

  it('rejects invalid bodies with VALIDATION_FAILED and the failing paths, losing nothing', async () => {
    const bad = await call('PATCH', `/v1/widgets/${h.demoWidgetId}`, adminCookie, {
      allowedOrigins: ['not an origin'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.issues[0].path).toBe('allowedOrigins.0');
    const malformed = await call('POST', `/v1/widgets/${h.demoWidgetId}/rules`, adminCookie, '{"name":');
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    const rules = await call('GET', `/v1/widgets/${h.demoWidgetId}/rules`, agentCookie);
    expect(rules.body.rules).toHaveLength(1);
  });

  it('creates, edits and deletes rules', async () => {
    const created = await call('POST', `/v1/widgets/${h.demoWidgetId}/rules`, adminCookie, {
      name: 'Returning visitors in France',
      conditions: {
        type: 'all',
        conditions: [
          { type: 'visitCount', op: 'gte', value: 2 },
          { type: 'country', op: 'in', values: ['FR'] },
        ],
      },
      message: { text: 'Welcome back {name}!' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ priority: 100, enabled: true, showPrechat: false });
    const updated = await call('PUT', `/v1/rules/${created.body.id}`, adminCookie, {
      ...created.body,
      priority: 5,
    });
    expect(updated.body.priority).toBe(5);
    expect((await call('DELETE', `/v1/rules/${created.body.id}`, adminCookie)).status).toBe(204);
    expect((await call('GET', `/v1/rules/${created.body.id}`, adminCookie)).body.error.code).toBe(
      'NOT_FOUND',
    );
  });

  it('searches and creates customer records', async () => {
    const found = await call('GET', '/v1/customers?q=alice', agentCookie);
    expect(found.body.customers.map((c: { name: string }) => c.name)).toEqual(['Alice Martin']);
    const created = await call('POST', '/v1/customers', agentCookie, {
      name: 'Zoé Petit',
      email: 'zoe@example.com',
    });
    expect(created.status).toBe(201);
    expect(created.body.active).toBe(true);
  });

  it('answers unknown routes with NOT_FOUND in the error body', async () => {
    const missing = await call('GET', '/v1/nothing-here', adminCookie);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
