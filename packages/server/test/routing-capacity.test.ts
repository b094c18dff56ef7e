import type { VisitorServerFrame } from '@beckon/protocol';
import { login, type TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { everyoneInterval } from '../src/domain/routing/queue-positions-publisher.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function patchUser(cookie: string, id: string, body: unknown) {
  const response = await fetch(`${h.url}/v1/users/${id}`, {
    method: 'PATCH',
    headers: { cookie, origin: h.url, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { capacity?: number; error?: { code: string } };
  return { status: response.status, body: answer };
}

async function userId(email: string): Promise<string> {
  return (await h.node.store.findUserByEmail(email))!.id;
}

/** A visitor who opened a chat from the launcher; resolves once the server has queued (and routed) it. */
async function waitingVisitor() {
  // A second apart: FIFO is by start time, and on a frozen clock ties fall back to the (random) id.
  await h.clock.advance(1000);
  const v = await visitor(h);
  v.send({ type: 'chat.start' });
  const { conversation } = await v.next('conversation.update', (f) => f.conversation.status === 'waiting');
  await v.next('queue.position');
  return { v, conversationId: conversation.id };
}

const positions = (v: TestSocket<VisitorServerFrame>) => v.all('queue.position').map((f) => f.position);

describe('capacity', () => {
  it('admins list and set capacity; agents may not', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const listed = await fetch(`${h.url}/v1/users`, { headers: { cookie: admin } });
    const { users } = (await listed.json()) as { users: { email: string; capacity: number }[] };
    expect(users.find((u) => u.email === 'agent@beckon.local')?.capacity).toBe(3);
    const id = await userId('agent@beckon.local');
    expect(await patchUser(admin, id, { capacity: 1 })).toMatchObject({ status: 200, body: { capacity: 1 } });
    expect((await patchUser(admin, id, { capacity: -1 })).status).toBe(400);
    expect((await patchUser(admin, 'usr_missing', { capacity: 2 })).body.error?.code).toBe('NOT_FOUND');
    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    expect((await patchUser(agentCookie, id, { capacity: 9 })).status).toBe(403);
  });

  it('an agent at capacity gets no offer, and gets one when a conversation ends', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    await patchUser(admin, await userId('agent@beckon.local'), { capacity: 1 });
    const a = await agent(h);
    const first = await waitingVisitor();
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    await a.next('conversation.opened');
    const second = await waitingVisitor();
    expect(a.all('offer.new')).toHaveLength(1);
    a.send({ type: 'conversation.end', conversationId: first.conversationId });
    const next = await a.next('offer.new');
    expect(next.offer.conversationId).toBe(second.conversationId);
    await Promise.all([a.close(), first.v.close(), second.v.close()]);
  });

  it('raising capacity offers waiting work at once', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const id = await userId('agent@beckon.local');
    await patchUser(admin, id, { capacity: 0 });
    const a = await agent(h);
    const waiting = await waitingVisitor();
    expect(a.all('offer.new')).toHaveLength(0);
    await patchUser(admin, id, { capacity: 2 });
    expect((await a.next('offer.new')).offer.conversationId).toBe(waiting.conversationId);
    await Promise.all([a.close(), waiting.v.close()]);
  });
});

describe('queue position', () => {
  it('waiting visitors see 1 and 2; when the first is assigned the second moves up', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    await patchUser(admin, await userId('agent@beckon.local'), { capacity: 1 });
    const first = await waitingVisitor();
    const second = await waitingVisitor();
    // The second arrival is told its position; nobody ahead of it moved, so the first hears nothing new.
    expect(positions(second.v)).toEqual([2]);
    expect(positions(first.v)).toEqual([1]);
    expect(second.v.all('queue.position')[0]?.conversationId).toBe(second.conversationId);
    const a = await agent(h, 'agent@beckon.local', 'offline');
    a.send({ type: 'presence.set', status: 'available' });
    const { offer } = await a.next('offer.new');
    expect(offer.conversationId).toBe(first.conversationId);
    a.send({ type: 'offer.accept', offerId: offer.id });
    await a.next('conversation.opened');
    // Staffing changes re-send positions too, so wait for the move up itself (positions to everyone go out at
    // most once per interval: the agent's arrival sent them just now).
    await h.clock.advance(everyoneInterval);
    await second.v.next('queue.position', (f) => f.position === 1);
    expect(positions(second.v).at(-1)).toBe(1);
    await Promise.all([a.close(), first.v.close(), second.v.close()]);
  });

  it('a visitor leaving the queue moves the others up', async () => {
    const first = await waitingVisitor();
    const second = await waitingVisitor();
    first.v.send({ type: 'chat.close' });
    expect((await second.v.next('queue.position')).position).toBe(1);
    await Promise.all([first.v.close(), second.v.close()]);
  });
});

describe('missed offers', () => {
  it('three offer timeouts in a row set the agent Inactive; the agent can be Available again', async () => {
    const a = await agent(h);
    const visitors = [];
    for (let i = 0; i < 2; i++) {
      visitors.push(await waitingVisitor());
      await a.next('offer.new');
      await h.clock.advance(120_000);
      await a.next('offer.closed', (f) => f.reason === 'expired');
    }
    expect(await h.node.store.getPresence(await userId('agent@beckon.local'))).toBe('available');
    visitors.push(await waitingVisitor());
    await a.next('offer.new');
    await h.clock.advance(120_000);
    expect((await a.next('presence')).status).toBe('inactive');
    visitors.push(await waitingVisitor());
    expect(a.all('offer.new')).toHaveLength(3);
    a.send({ type: 'presence.set', status: 'available' });
    expect((await a.next('presence')).status).toBe('available');
    expect((await a.next('offer.new')).offer.conversationId).toBe(visitors[3]!.conversationId);
    await Promise.all([a.close(), ...visitors.map(({ v }) => v.close())]);
  });

  it('N is configurable (BECKON_MISSED_OFFERS_BEFORE_INACTIVE): 1 sets Inactive at once, 0 never', async () => {
    const a = await agent(h);
    const agentId = await userId('agent@beckon.local');
    const visitors = [];
    h.node.services.routing.missedOffersBeforeInactive = 0;
    for (let i = 0; i < 4; i++) {
      visitors.push(await waitingVisitor());
      await a.next('offer.new');
      await h.clock.advance(120_000);
      await a.next('offer.closed', (f) => f.reason === 'expired');
    }
    expect(await h.node.store.getPresence(agentId)).toBe('available');
    h.node.services.routing.missedOffersBeforeInactive = 1;
    // The count is the store's: the four misses above already exceed 1, so the next miss sets Inactive.
    visitors.push(await waitingVisitor());
    await a.next('offer.new');
    await h.clock.advance(120_000);
    expect((await a.next('presence')).status).toBe('inactive');
    await Promise.all([a.close(), ...visitors.map(({ v }) => v.close())]);
  });

  it('a reject in between starts the count again', async () => {
    const a = await agent(h);
    const visitors = [];
    for (let i = 0; i < 4; i++) {
      visitors.push(await waitingVisitor());
      const { offer } = await a.next('offer.new');
      if (i === 1) a.send({ type: 'offer.reject', offerId: offer.id });
      else await h.clock.advance(120_000);
      await a.next('offer.closed');
    }
    expect(a.all('presence').map((f) => f.status)).toEqual(['available']);
    await Promise.all([a.close(), ...visitors.map(({ v }) => v.close())]);
  });
});

describe('concurrent accepts over sockets', () => {
  it('two tabs of the agent accept the same offer at once: exactly one wins', async () => {
    const tab1 = await agent(h);
    const tab2 = await agent(h);
    const waiting = await waitingVisitor();
    const { offer } = await tab1.next('offer.new');
    tab1.send({ type: 'offer.accept', offerId: offer.id });
    tab2.send({ type: 'offer.accept', offerId: offer.id });
    // Polling both tabs' frames rather than racing two waits: the losing wait would reject unhandled later.
    await vi.waitFor(() => {
      const errors = [...tab1.all('error'), ...tab2.all('error')];
      expect(errors.map((f) => f.code)).toEqual(['OFFER_CLOSED']);
    });
    const conversation = await h.node.store.getConversation(waiting.conversationId);
    expect(conversation?.status).toBe('active');
    await Promise.all([tab1.close(), tab2.close(), waiting.v.close()]);
  });
});
