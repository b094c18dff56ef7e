import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import type { Store } from '../src/ports/store.ts';
import { funnelAcrossPurge } from './funnel-retention-case.ts';

let store: Store;
beforeEach(async () => {
  store = await createSqliteStore({ file: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

describe('conversations retention keeps the funnel (SQLite)', () => {
  it('rolls the days up before purging: the funnel counts are the same, the detail is gone', async () => {
    const { before, after, purged, again, left } = await funnelAcrossPurge(store);
    expect(purged.conversations).toBe(6);
    expect(left.invitations).toEqual([]);
    expect(left.conversations).toEqual([]);
    expect(after).toEqual(before);
    // The figures are not empty: 2 days × 6 rule invitations (the page and preview ones left out).
    expect(JSON.stringify(before)).toContain('"invited":12');
    // Side b's 6 invitations (4 accepted, 2 with a chat an agent took) were smart, side a's 4 static.
    expect(JSON.stringify(before)).toContain(
      '"smartSplit":{"smart":{"shown":6,"accepted":4,"dismissed":0,"expired":2,"chats":4,"acceptanceRate":0.6666666666666666}',
    );
    expect(again).toEqual({});
  });
});
