import type { ChatMessage } from '@beckon/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NewMessage } from '../../ports/store.ts';
import { seedConversation, t0 } from '../../ports/store-contract/fixtures.ts';
import { MessageBatcher } from '../sql/message-batch.ts';
import { openMigrated } from '../sql/sql-store.ts';
import { connectSqlite } from './connection.ts';
import type { MissingConversation } from './hot-statements.ts';
import { SqliteStore } from './sqlite-store.ts';

/** The store with its batch append reachable, to build a batcher on the same connection. */
class ProbeStore extends SqliteStore {
  readonly batch = (messages: NewMessage[]) =>
    this.appendBatch(messages.map((message) => ({ kind: 'message', message }))) as Promise<
      (ChatMessage | MissingConversation)[]
    >;
  get kysely() {
    return this.db;
  }
}

let store: ProbeStore;
beforeEach(async () => {
  store = await openMigrated(new ProbeStore(await connectSqlite({ file: ':memory:' })));
  await seedConversation(store, { id: 'cnv_1' });
  await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
});
afterEach(async () => {
  await store.close();
});

const msg = (conversationId: string, text: string, clientMsgId?: string): NewMessage => ({
  conversationId,
  author: 'visitor',
  text,
  createdAt: t0,
  ...(clientMsgId ? { clientMsgId } : {}),
});

describe('MessageBatcher (group commit of the embedded store)', () => {
  it('appends one turn of messages in one transaction, in arrival order, with gapless seqs', async () => {
    const appendOne = vi.fn((m: NewMessage) => store.appendMessage(m));
    const batcher = new MessageBatcher(store.batch, appendOne);
    const calls = Array.from({ length: 40 }, (_, i) => msg(i % 2 ? 'cnv_2' : 'cnv_1', `m${i}`, `c${i}`));
    const stored = await Promise.all(calls.map((m) => batcher.append(m)));
    expect(appendOne).not.toHaveBeenCalled();
    expect(stored.filter((s) => s.conversationId === 'cnv_1').map((s) => s.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(stored.map((s) => s.text)).toEqual(calls.map((c) => c.text));
    expect(await store.listMessages('cnv_2', 0)).toStrictEqual(
      stored.filter((s) => s.conversationId === 'cnv_2'),
    );
    expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(20);
  });

  it('starts no batch while paused for the log checkpoint, and commits what waited once resumed', async () => {
    const batch = vi.fn(store.batch);
    const batcher = new MessageBatcher(batch, (m: NewMessage) => store.appendMessage(m));
    batcher.pause();
    const waiting = [batcher.append(msg('cnv_1', 'a', 'ca')), batcher.append(msg('cnv_2', 'b', 'cb'))];
    // Turns of the event loop go by: the batch would have started in the first.
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(batch).not.toHaveBeenCalled();
    expect(await store.listMessages('cnv_1', 0)).toEqual([]);
    batcher.resume();
    const stored = await Promise.all(waiting);
    expect(batch).toHaveBeenCalledTimes(1);
    expect(stored.map((m) => [m.conversationId, m.seq])).toEqual([
      ['cnv_1', 1],
      ['cnv_2', 1],
    ]);
  });

  it("commits the next turn's batch while the last one waits for its flush, a sender's next message after it", async () => {
    const flushes: (() => void)[] = [];
    const durable = vi.fn(() => new Promise<void>((resolve) => flushes.push(resolve)));
    const batch = vi.fn(store.batch);
    const batcher = new MessageBatcher(batch, (m) => store.appendMessage(m), {
      durable,
      depth: 2,
      key: (m: NewMessage) => m.conversationId,
    });
    const acked: string[] = [];
    const send = (m: NewMessage) =>
      batcher.append(m).then((stored) => acked.push(`${stored.text}#${stored.seq}`));
    const first = send(msg('cnv_1', 'a1'));
    await vi.waitFor(() => expect(durable).toHaveBeenCalledTimes(1));
    // The next turn: another sender's message commits at once; the first sender's waits for its batch.
    const again = send(msg('cnv_1', 'a2'));
    const other = send(msg('cnv_2', 'b1'));
    await vi.waitFor(() => expect(durable).toHaveBeenCalledTimes(2));
    expect(batch.mock.calls.map(([messages]) => messages.map((m) => m.text))).toEqual([['a1'], ['b1']]);
    expect(acked).toEqual([]);
    flushes[0]!();
    await first;
    await vi.waitFor(() => expect(durable).toHaveBeenCalledTimes(3));
    expect(batch.mock.calls.at(-1)?.[0].map((m) => m.text)).toEqual(['a2']);
    flushes[1]!();
    flushes[2]!();
    await Promise.all([again, other]);
    expect(acked).toEqual(['a1#1', 'b1#1', 'a2#2']);
  });

  it('stores a client id once even when its retry is in the same batch; an unknown conversation fails alone', async () => {
    const batcher = new MessageBatcher(store.batch, (m) => store.appendMessage(m));
    const [first, retry, missing, other] = await Promise.allSettled([
      batcher.append(msg('cnv_1', 'once', 'k1')),
      batcher.append(msg('cnv_1', 'retry body is ignored', 'k1')),
      batcher.append(msg('cnv_missing', 'x')),
      batcher.append(msg('cnv_1', 'next')),
    ]);
    const value = (r: PromiseSettledResult<ChatMessage> | undefined) =>
      (r as PromiseFulfilledResult<ChatMessage>).value;
    expect(value(retry)).toStrictEqual(value(first));
    expect(missing?.status).toBe('rejected');
    expect((missing as PromiseRejectedResult).reason.message).toMatch(/cnv_missing/);
    expect(value(other).seq).toBe(2);
    expect(await store.listMessages('cnv_1', 0)).toHaveLength(2);
  });

  it('rolls a failing batch back and appends its messages one by one, each with its own answer', async () => {
    const appendOne = vi.fn((m: NewMessage) => store.appendMessage(m));
    const batcher = new MessageBatcher(store.batch, appendOne);
    // A NULL text breaks the insert (NOT NULL) after the seq was taken: the whole transaction must roll back.
    const results = await Promise.allSettled([
      batcher.append(msg('cnv_1', 'a')),
      batcher.append(msg('cnv_1', null as unknown as string)),
      batcher.append(msg('cnv_1', 'b')),
    ]);
    expect(appendOne).toHaveBeenCalledTimes(3);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = await store.listMessages('cnv_1', 0);
    expect(stored.map((m) => [m.seq, m.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it("reads a visitor's open conversation in the batch's transaction; a visitor without one fails alone", async () => {
    await store.endConversation('cnv_2', t0 + 1);
    const fromVisitor = (visitorId: string, text: string) =>
      store.appendVisitorMessage({
        visitorId,
        text,
        clientMsgId: text,
        createdAt: t0,
        authorName: (c) => `on ${c.id}`,
      });
    const [agentSaid, visitorSaid, ended] = await Promise.all([
      store.appendMessage({ ...msg('cnv_1', 'agent'), author: 'agent' }),
      fromVisitor('vis_1', 'visitor'),
      fromVisitor('vis_2', 'nobody listens'),
    ]);
    expect(agentSaid.seq).toBe(1);
    expect(visitorSaid?.message).toMatchObject({ seq: 2, authorName: 'on cnv_1', conversationId: 'cnv_1' });
    expect(visitorSaid?.conversation.id).toBe('cnv_1');
    expect(ended).toBeUndefined();
    expect(await store.listMessages('cnv_2', 0)).toEqual([]);
  });

  it('is what the SQLite store appends through', async () => {
    const [a, b] = await Promise.all([
      store.appendMessage(msg('cnv_1', 'a')),
      store.appendMessage(msg('cnv_1', 'b')),
    ]);
    expect([a.seq, b.seq]).toEqual([1, 2]);
  });

  it('waits for a Kysely transaction in progress instead of running inside it', async () => {
    let appended: Promise<ChatMessage> | undefined;
    await expect(
      store.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('conversations').set({ last_seq: 100 }).where('id', '=', 'cnv_1').execute();
        appended = store.appendMessage(msg('cnv_1', 'x'));
        // The batcher flushes in the check phase: let it run and find the connection taken.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // Run inside the transaction, the message would have taken seq 101 and vanished with the rollback.
    expect((await appended)?.seq).toBe(1);
    expect((await store.listMessages('cnv_1', 0)).map((m) => m.seq)).toEqual([1]);
    expect((await store.findOpenConversation('vis_1'))?.lastSeq).toBe(1);
  });
});
