import type { AuditListResponse, QuickReply } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditedRoutes, notAudited } from '../src/transport/http/audited-routes.ts';
import { api, userIdOf } from './api.ts';
import { type Harness, password, startHarness } from './harness.ts';
import { registeredRoutes } from './route-table.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('the audit trail', () => {
  it('records admin changes with who, what and which fields, and admins read it newest first', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const adminId = await userIdOf(h, 'admin@beckon.local');
    await h.clock.advance(1000);
    const created = await api<QuickReply>(h, admin, 'POST', '/v1/quick-replies', {
      title: 'Greeting',
      text: 'Secret words typed by the admin',
    });
    await h.clock.advance(1000);
    await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, { title: 'Help' });
    await h.clock.advance(1000);
    // A refused change records nothing.
    expect((await api(h, admin, 'DELETE', '/v1/quick-replies/qrp_missing')).status).toBe(404);

    const { status, body } = await api<AuditListResponse>(h, admin, 'GET', '/v1/audit');
    expect(status).toBe(200);
    const mine = body.entries.filter((e) => e.actorId === adminId);
    expect(mine.map((e) => [e.action, e.targetId])).toEqual([
      ['widget.updated', h.demoWidgetId],
      ['quick_reply.created', created.body.id],
      // Every sign-in is in the trail too, with how it was made (signing in is not an admin change).
      ['user.signed_in', adminId],
    ]);
    expect(mine[2]!.details).toEqual({ method: 'password' });
    expect(mine[0]!.details).toEqual({ fields: ['title'] });
    expect(mine[1]!.details).toEqual({ fields: ['text', 'title'] });
    expect(JSON.stringify(body)).not.toContain('Secret words');

    const filtered = await api<AuditListResponse>(h, admin, 'GET', '/v1/audit?action=widget.updated');
    expect(filtered.body.entries.map((e) => e.action)).toEqual(['widget.updated']);
    const paged = await api<AuditListResponse>(h, admin, 'GET', `/v1/audit?limit=1&before=${mine[0]!.at}`);
    expect(paged.body.entries.map((e) => e.action)).toEqual(['quick_reply.created']);
    expect((await api(h, admin, 'GET', '/v1/audit?limit=0')).status).toBe(400);
    expect((await api(h, admin, 'GET', '/v1/audit?action=DROP%20TABLE')).status).toBe(400);
  });

  it('is for admins only', async () => {
    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, agentCookie, 'GET', '/v1/audit')).status).toBe(403);
    expect((await api(h, '', 'GET', '/v1/audit')).status).toBe(401);
  });

  it('classifies every state-changing route: audited, or exempt with a reason', () => {
    const changing = registeredRoutes(h.node.app.printRoutes({ commonPrefix: false }))
      .filter((route) => route.split(' ')[1]!.startsWith('/v1/'))
      .filter((route) => !route.startsWith('GET '));
    const classified = [...auditedRoutes(), ...Object.keys(notAudited)];
    expect(changing.filter((route) => !classified.includes(route))).toEqual([]);
    expect(classified.filter((route) => !changing.includes(route))).toEqual([]);
  });
});
