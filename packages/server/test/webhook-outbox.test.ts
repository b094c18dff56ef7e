import { FakeClock } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RandomIds } from '../src/adapters/ids/random-ids.ts';
import { createSqliteStore, type SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { DomainEvents } from '../src/domain/domain-events.ts';
import { endpointCacheMs, WebhookOutbox } from '../src/domain/webhooks/webhook-outbox.ts';
import { webhookEventsOf } from '../src/domain/webhooks/webhook-payloads.ts';
import { conversation, t0, webhookEndpoint } from '../src/ports/store-contract/fixtures.ts';

let store: SqliteStore;
let clock: FakeClock;
let events: DomainEvents;
beforeEach(async () => {
  store = await createSqliteStore({ file: ':memory:' });
  clock = new FakeClock(t0);
  events = new DomainEvents();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
});

const created = (seq: number) => ({
  conversation: conversation(),
  message: {
    id: `msg_${seq}`,
    conversationId: 'cnv_1',
    seq,
    author: 'visitor' as const,
    text: 'hi',
    createdAt: t0,
  },
});

describe('WebhookOutbox', () => {
  it('builds no event while the endpoint list it trusts is empty, and does again once an endpoint is there', async () => {
    const build = vi.spyOn(webhookEventsOf, 'messageCreated');
    const outbox = new WebhookOutbox(store, clock, new RandomIds(), events, (_key, error) => {
      throw error;
    });
    await events.emit('messageCreated', created(1));
    await events.emit('messageCreated', created(2));
    await events.emit('messageCreated', created(3));
    // The first event read the (empty) list; the next ones, within the list's lifetime, build nothing.
    expect(build).toHaveBeenCalledTimes(1);
    await store.createWebhookEndpoint(webhookEndpoint({ events: ['message.created'] }));
    outbox.forgetEndpoints();
    await events.emit('messageCreated', created(4));
    expect(build).toHaveBeenCalledTimes(2);
    expect((await store.listWebhookDeliveries('whe_1', 10)).map((d) => d.eventKey)).toEqual([
      'message.created:cnv_1:4',
    ]);
  });

  it('builds no event of a type no enabled endpoint subscribes to, and queues the types one does', async () => {
    await store.createWebhookEndpoint(webhookEndpoint({ events: ['conversation.started'] }));
    const build = vi.spyOn(webhookEventsOf, 'messageCreated');
    new WebhookOutbox(store, clock, new RandomIds(), events, (_key, error) => {
      throw error;
    });
    await events.emit('conversationStarted', conversation());
    await events.emit('messageCreated', created(1));
    await events.emit('messageCreated', created(2));
    expect(build).not.toHaveBeenCalled();
    expect((await store.listWebhookDeliveries('whe_1', 10)).map((d) => d.eventKey)).toEqual([
      'conversation.started:cnv_1',
    ]);
  });

  it('reads the list again once it is too old to trust, and builds the event then', async () => {
    const build = vi.spyOn(webhookEventsOf, 'messageCreated');
    new WebhookOutbox(store, clock, new RandomIds(), events, () => {});
    await events.emit('messageCreated', created(1));
    await clock.advance(endpointCacheMs);
    await events.emit('messageCreated', created(2));
    expect(build).toHaveBeenCalledTimes(2);
  });
});
