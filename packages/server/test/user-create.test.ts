import type { AgentServerFrame } from '@beckon/protocol';
import { login, TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function createUser(cookie: string, body: unknown) {
  const response = await fetch(`${h.url}/v1/users`, {
    method: 'POST',
    headers: { cookie, origin: h.url, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { id?: string; capacity?: number; error?: { code: string } },
  };
}

const newAgent = (queueIds: string[], extra: Record<string, unknown> = {}) => ({
  email: 'New.Agent@Example.com',
  name: 'New Agent',
  role: 'agent',
  password: 'another-password',
  capacity: 7,
  queueIds,
  ...extra,
});

describe('POST /v1/users', () => {
  it('creates an agent with capacity in a queue, who can sign in and gets offers', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const queueId = (await h.node.store.listQueues())[0]!.id;
    const created = await createUser(admin, newAgent([queueId]));
    expect(created).toMatchObject({
      status: 201,
      body: { email: 'new.agent@example.com', role: 'agent', capacity: 7 },
    });
    expect(await h.node.store.listQueueMembers(queueId)).toContain(created.body.id);

    // The new account signs in with its own password; the demo agents stay offline, so the offer is its.
    const cookie = await login(h.url, 'new.agent@example.com', 'another-password');
    const a = await TestSocket.connect<AgentServerFrame>(`${h.wsUrl}/v1/agent`, {
      cookie,
      origin: h.url,
    });
    await a.next('agent.state');
    a.send({ type: 'presence.set', status: 'available' });
    await a.next('presence');
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    const { offer } = await a.next('offer.new');
    expect(offer.conversationId).toBeTruthy();
    await Promise.all([a.close(), v.close()]);
  });

  it('refuses a taken email, an unknown queue, a bad body and non-admins', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const queueId = (await h.node.store.listQueues())[0]!.id;
    expect((await createUser(admin, newAgent([], { email: 'AGENT@beckon.local' }))).body.error?.code).toBe(
      'CONFLICT',
    );
    expect((await createUser(admin, newAgent(['que_missing']))).body.error?.code).toBe('NOT_FOUND');
    expect((await createUser(admin, newAgent([queueId], { capacity: 51 }))).status).toBe(400);
    expect((await createUser(admin, newAgent([queueId], { password: 'short' }))).status).toBe(400);
    expect((await createUser(admin, newAgent([queueId], { role: 'root' }))).status).toBe(400);
    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    expect((await createUser(agentCookie, newAgent([queueId]))).status).toBe(403);
    expect((await createUser('', newAgent([queueId]))).status).toBe(401);
    expect(await h.node.store.findUserByEmail('new.agent@example.com')).toBeUndefined();
  });

  it('creates one account when two requests for the same email race', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const answers = await Promise.all([createUser(admin, newAgent([])), createUser(admin, newAgent([]))]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const users = await h.node.store.listUsers();
    expect(users.filter((u) => u.email === 'new.agent@example.com')).toHaveLength(1);
  });
});
