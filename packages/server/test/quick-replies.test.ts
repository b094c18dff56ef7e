import type { QuickReply } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { type Harness, password, startHarness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('quick replies', () => {
  it('admins manage them, agents read them, bad input is refused', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    const created = await api<QuickReply>(h, admin, 'POST', '/v1/quick-replies', {
      title: 'Greeting',
      text: 'Hello {visitor.name}, I am {agent.name}.',
    });
    expect(created.status).toBe(201);
    const listed = await api<{ quickReplies: QuickReply[] }>(h, agentCookie, 'GET', '/v1/quick-replies');
    expect(listed.body.quickReplies).toEqual([created.body]);
    const id = created.body.id;
    expect(
      (await api(h, admin, 'PUT', `/v1/quick-replies/${id}`, { title: 'Hi', text: 'Hi!' })).body,
    ).toEqual({
      id,
      title: 'Hi',
      text: 'Hi!',
    });
    expect((await api(h, admin, 'POST', '/v1/quick-replies', { title: '', text: 'x' })).status).toBe(400);
    expect(
      (await api(h, admin, 'POST', '/v1/quick-replies', { title: 'x', text: 'y', extra: 1 })).status,
    ).toBe(400);
    expect((await api(h, agentCookie, 'POST', '/v1/quick-replies', { title: 'x', text: 'y' })).status).toBe(
      403,
    );
    expect((await api(h, agentCookie, 'DELETE', `/v1/quick-replies/${id}`)).status).toBe(403);
    expect((await api(h, admin, 'DELETE', `/v1/quick-replies/${id}`)).status).toBe(204);
    expect((await api(h, admin, 'DELETE', `/v1/quick-replies/${id}`)).status).toBe(404);
    expect((await api(h, admin, 'PUT', '/v1/quick-replies/qrp_x', { title: 'a', text: 'b' })).status).toBe(
      404,
    );
  });
});
