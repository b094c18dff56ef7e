import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../store.ts';
import { type GetStore, t0 } from './fixtures.ts';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'aud_1',
    at: t0,
    actorId: 'usr_admin',
    action: 'widget.updated',
    targetType: 'widget',
    targetId: 'wid_1',
    details: { fields: ['title'] },
    ...overrides,
  };
}

/** The `AuditStore` port (store/audit.ts). */
export function describeAudit(getStore: GetStore): void {
  describe('audit trail', () => {
    it('appends entries and lists them newest first, with their details', async () => {
      const store = getStore();
      await store.appendAuditEntry(entry({ id: 'aud_1', at: t0 }));
      await store.appendAuditEntry(
        entry({ id: 'aud_2', at: t0 + 1, actorId: null, action: 'retention.purged', targetId: null }),
      );
      await store.appendAuditEntry(entry({ id: 'aud_3', at: t0 + 1, details: {} }));
      expect(await store.listAuditEntries({ limit: 10 })).toStrictEqual([
        entry({ id: 'aud_3', at: t0 + 1, details: {} }),
        entry({ id: 'aud_2', at: t0 + 1, actorId: null, action: 'retention.purged', targetId: null }),
        entry({ id: 'aud_1', at: t0 }),
      ]);
    });

    it('refuses a second entry with the same id (append-only, never overwritten)', async () => {
      const store = getStore();
      await store.appendAuditEntry(entry());
      await expect(store.appendAuditEntry(entry({ action: 'widget.created' }))).rejects.toThrow();
      expect((await store.listAuditEntries({ limit: 10 })).map((e) => e.action)).toEqual(['widget.updated']);
    });

    it('filters by action and actor, pages back with before, and honours the limit', async () => {
      const store = getStore();
      for (let i = 0; i < 5; i++) {
        await store.appendAuditEntry(
          entry({
            id: `aud_${i}`,
            at: t0 + i,
            action: i % 2 === 0 ? 'rule.published' : 'queue.updated',
            actorId: i < 3 ? 'usr_a' : 'usr_b',
          }),
        );
      }
      const ids = async (query: Parameters<ReturnType<GetStore>['listAuditEntries']>[0]) =>
        (await store.listAuditEntries(query)).map((e) => e.id);
      expect(await ids({ action: 'rule.published', limit: 10 })).toEqual(['aud_4', 'aud_2', 'aud_0']);
      expect(await ids({ actorId: 'usr_b', limit: 10 })).toEqual(['aud_4', 'aud_3']);
      expect(await ids({ action: 'rule.published', actorId: 'usr_a', limit: 10 })).toEqual([
        'aud_2',
        'aud_0',
      ]);
      expect(await ids({ limit: 2 })).toEqual(['aud_4', 'aud_3']);
      expect(await ids({ before: t0 + 3, limit: 2 })).toEqual(['aud_2', 'aud_1']);
    });

    it('purges only entries older than the cutoff, in bounded batches, oldest first', async () => {
      const store = getStore();
      for (let i = 0; i < 5; i++) await store.appendAuditEntry(entry({ id: `aud_${i}`, at: t0 + i }));
      expect(await store.purgeAuditEntries(t0 + 3, 2)).toBe(2);
      expect((await store.listAuditEntries({ limit: 10 })).map((e) => e.id)).toEqual([
        'aud_4',
        'aud_3',
        'aud_2',
      ]);
      expect(await store.purgeAuditEntries(t0 + 3, 2)).toBe(1);
      expect(await store.purgeAuditEntries(t0 + 3, 2)).toBe(0);
      expect((await store.listAuditEntries({ limit: 10 })).map((e) => e.id)).toEqual(['aud_4', 'aud_3']);
    });

    it('purges each entry once when two nodes purge at the same time', async () => {
      const store = getStore();
      for (let i = 0; i < 6; i++) await store.appendAuditEntry(entry({ id: `aud_${i}`, at: t0 + i }));
      const counts = await Promise.all([
        store.purgeAuditEntries(t0 + 10, 100),
        store.purgeAuditEntries(t0 + 10, 100),
      ]);
      expect(counts[0] + counts[1]).toBe(6);
      expect(await store.listAuditEntries({ limit: 10 })).toEqual([]);
    });
  });
}
