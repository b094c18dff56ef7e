import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedConversation, t0 } from '../../ports/store-contract/fixtures.ts';
import { createSqliteStore } from './sqlite-store.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'beckon-wal-bound-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MiB = 1024 * 1024;

function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

describe('the write-ahead log under sustained writes', () => {
  it('stays bounded while messages never stop coming', async () => {
    const file = join(dir, 'beckon.sqlite');
    // Small figures so the test writes tens of megabytes, not gigabytes: the log may pass 2 MiB before it is
    // caught up, and is cut back to 1 MiB when it starts again.
    const store = await createSqliteStore({
      file,
      wal: { checkpointIntervalMs: 20, catchUpAboveBytes: 2 * MiB, sizeLimitBytes: 1 * MiB },
    });
    await seedConversation(store);
    let largest = 0;
    // About 48 MB of messages from 32 writers that never pause together, so a write is always under way and the
    // background checkpoint alone never finds the log fully copied.
    const writer = async () => {
      for (let i = 0; i < 375; i += 1) {
        await store.appendMessage({
          conversationId: 'cnv_1',
          author: 'visitor',
          text: 'x'.repeat(4000),
          createdAt: t0,
        });
        largest = Math.max(largest, walBytes(file));
      }
    };
    await Promise.all(Array.from({ length: 32 }, writer));
    await store.close();
    // Without the catch-up the log reached 27 MB here; with checkpoints alone, 118 MB.
    expect(largest).toBeLessThan(12 * MiB);

    const reopened = await createSqliteStore({ file });
    expect(await reopened.listMessages('cnv_1', 0)).toHaveLength(12_000);
    await reopened.close();
  });
});
