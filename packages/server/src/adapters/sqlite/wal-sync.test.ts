import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { seedConversation, t0 } from '../../ports/store-contract/fixtures.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { WalSync } from './wal-sync.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'beckon-wal-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('WalSync', () => {
  it('runs one flush at a time and queues one more for the callers that came during it', async () => {
    const file = join(dir, 'log');
    await writeFile(file, 'frames');
    const wal = new WalSync(file);
    const first = wal.sync();
    const second = wal.sync();
    const third = wal.sync();
    expect(second).toBe(third);
    expect(second).not.toBe(first);
    await Promise.all([first, second, third]);
    // Idle again: the next call starts its own flush.
    const fourth = wal.sync();
    expect(fourth).not.toBe(second);
    await fourth;
    await wal.close();
  });

  it('has nothing to flush before the log exists, and nothing after it is closed', async () => {
    const wal = new WalSync(join(dir, 'missing'));
    await expect(wal.sync()).resolves.toBeUndefined();
    await wal.close();
    await expect(wal.sync()).resolves.toBeUndefined();
  });
});

describe('SQLite store durability (ADR 0003)', () => {
  it('acknowledges a message only after a flush of the log that followed its commit', async () => {
    const store = await createSqliteStore({ file: join(dir, 'beckon.sqlite') });
    await seedConversation(store);
    const order: string[] = [];
    const sync = vi.spyOn(WalSync.prototype, 'sync').mockImplementation(async () => {
      order.push('flush');
    });
    const message = { conversationId: 'cnv_1', author: 'visitor' as const, text: 'hi', createdAt: t0 };
    await store.appendMessage(message).then(() => order.push('ack'));
    expect(order).toEqual(['flush', 'ack']);
    expect(sync).toHaveBeenCalledTimes(1);
    await store.close();
  });

  it('flushes the log once per committed batch, not once per message', async () => {
    const store = await createSqliteStore({ file: join(dir, 'beckon.sqlite') });
    await seedConversation(store);
    const sync = vi.spyOn(WalSync.prototype, 'sync');
    const messages = Array.from({ length: 5 }, (_, i) => ({
      conversationId: 'cnv_1',
      author: 'visitor' as const,
      text: `m${i}`,
      createdAt: t0,
    }));
    const stored = await Promise.all(messages.map((message) => store.appendMessage(message)));
    expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(sync).toHaveBeenCalledTimes(1);
    await store.close();
  });

  it('answers no message of a batch whose flush failed', async () => {
    const store = await createSqliteStore({ file: join(dir, 'beckon.sqlite') });
    await seedConversation(store);
    vi.spyOn(WalSync.prototype, 'sync').mockRejectedValue(new Error('EIO'));
    const message = { conversationId: 'cnv_1', author: 'visitor' as const, text: 'hi', createdAt: t0 };
    const results = await Promise.allSettled([store.appendMessage(message), store.appendMessage(message)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    vi.restoreAllMocks();
    await store.close();
  });

  it('with synchronous = normal, messages do not wait for the flush', async () => {
    const store = await createSqliteStore({ file: join(dir, 'beckon.sqlite'), synchronous: 'normal' });
    await seedConversation(store);
    const sync = vi.spyOn(WalSync.prototype, 'sync');
    await store.appendMessage({ conversationId: 'cnv_1', author: 'visitor', text: 'hi', createdAt: t0 });
    expect(sync).not.toHaveBeenCalled();
    await store.close();
  });
});
