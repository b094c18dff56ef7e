import { login, settle } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everyoneInterval } from '../src/domain/routing/queue-positions-publisher.ts';
import { api, userIdOf } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function waitingVisitor() {
  await h.clock.advance(1000);
  const v = await visitor(h);
  v.send({ type: 'chat.start' });
  const { conversation } = await v.next('conversation.update', (f) => f.conversation.status === 'waiting');
  const welcome = v.all('welcome')[0]!;
  return { v, conversationId: conversation.id, visitorId: welcome.visitorId };
}

describe('visitor while waiting', () => {
  it('sees position and an estimated wait from recent handling times, updated as staffing changes', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const agentId = await userIdOf(h, 'agent@beckon.local');
    await api(h, admin, 'PATCH', `/v1/users/${agentId}`, { capacity: 1 });
    const a = await agent(h);

    // History: one conversation handled in 5 minutes.
    const handled = await waitingVisitor();
    // No history yet: the position comes without an estimate.
    const first = await handled.v.next('queue.position');
    expect(first.position).toBe(1);
    expect(first.estimatedWaitSeconds).toBeUndefined();
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    await a.next('conversation.opened');
    await h.clock.advance(300_000);
    a.send({ type: 'conversation.end', conversationId: handled.conversationId });
    await a.next('conversation.update', (f) => f.status === 'ended');

    const second = await waitingVisitor();
    expect(await second.v.next('queue.position')).toMatchObject({ position: 1, estimatedWaitSeconds: 300 });
    const third = await waitingVisitor();
    expect(await third.v.next('queue.position')).toMatchObject({ position: 2, estimatedWaitSeconds: 600 });

    // More capacity, shorter waits: the estimates follow at once.
    await api(h, admin, 'PATCH', `/v1/users/${agentId}`, { capacity: 2 });
    // Positions to everyone go out at most once per interval.
    await h.clock.advance(everyoneInterval);
    expect(await third.v.next('queue.position', (f) => f.estimatedWaitSeconds === 300)).toMatchObject({
      position: 2,
    });
    // Nobody available: the estimate is dropped rather than invented.
    a.send({ type: 'presence.set', status: 'away' });
    await settle();
    await h.clock.advance(everyoneInterval);
    const unstaffed = await third.v.next('queue.position', (f) => f.estimatedWaitSeconds === undefined);
    expect(unstaffed.position).toBe(2);
    await Promise.all([a.close(), handled.v.close(), second.v.close(), third.v.close()]);
  });

  it('is not sent the same position again when the queue changes behind them', async () => {
    // An agent who is there (offered the chats, accepting none): nobody is offered the left-message form.
    const a = await agent(h);
    const first = await waitingVisitor();
    expect(await first.v.next('queue.position')).toMatchObject({ position: 1 });
    const second = await waitingVisitor();
    const third = await waitingVisitor();
    expect(await third.v.next('queue.position')).toMatchObject({ position: 3 });
    // The second leaves: the third moves up, the first is still first.
    second.v.send({ type: 'chat.close' });
    expect(await third.v.next('queue.position')).toMatchObject({ position: 2 });
    expect(first.v.all('queue.position').map((f) => f.position)).toEqual([1]);
    await Promise.all([a.close(), first.v.close(), second.v.close(), third.v.close()]);
  });

  it('a visitor who reconnects while waiting gets their position with the welcome', async () => {
    const first = await waitingVisitor();
    const second = await waitingVisitor();
    await second.v.close();
    const again = await visitor(h, undefined, { visitorId: second.visitorId });
    expect(again.all('welcome')[0]?.conversation?.status).toBe('waiting');
    expect(await again.next('queue.position')).toMatchObject({
      conversationId: second.conversationId,
      position: 2,
    });
    await Promise.all([first.v.close(), again.close()]);
  });
});
