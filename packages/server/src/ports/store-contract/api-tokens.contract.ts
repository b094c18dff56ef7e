import { describe, expect, it } from 'vitest';
import type { ApiTokenRow } from '../store.ts';
import { type GetStore, t0 } from './fixtures.ts';

function token(overrides: Partial<ApiTokenRow> = {}): ApiTokenRow {
  return {
    id: 'tok_1',
    name: 'CRM sync',
    secretHash: 'a'.repeat(64),
    scopes: ['visitors:write', 'customers:read'],
    createdBy: 'usr_1',
    createdAt: t0,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** The `ApiTokenStore` port (store/api-tokens.ts). */
export function describeApiTokens(getStore: GetStore): void {
  describe('API tokens', () => {
    it('creates, reads back and lists tokens newest first, with nulls kept', async () => {
      const store = getStore();
      await store.createApiToken(token());
      await store.createApiToken(token({ id: 'tok_2', createdAt: t0 + 1, expiresAt: t0 + 86_400_000 }));
      expect(await store.getApiToken('tok_1')).toStrictEqual(token());
      expect(await store.getApiToken('tok_x')).toBeUndefined();
      expect((await store.listApiTokens()).map((t) => [t.id, t.expiresAt])).toEqual([
        ['tok_2', t0 + 86_400_000],
        ['tok_1', null],
      ]);
    });

    it('revokes once and keeps the revoked token listed', async () => {
      const store = getStore();
      await store.createApiToken(token());
      expect(await store.revokeApiToken('tok_1', t0 + 5)).toBe(true);
      expect(await store.revokeApiToken('tok_1', t0 + 9)).toBe(false);
      expect(await store.revokeApiToken('tok_x', t0 + 9)).toBe(false);
      expect((await store.getApiToken('tok_1'))?.revokedAt).toBe(t0 + 5);
      expect(await store.listApiTokens()).toHaveLength(1);
    });

    it('records the latest use and ignores an earlier one arriving late', async () => {
      const store = getStore();
      await store.createApiToken(token());
      await store.touchApiToken('tok_1', t0 + 100);
      await store.touchApiToken('tok_1', t0 + 50);
      expect((await store.getApiToken('tok_1'))?.lastUsedAt).toBe(t0 + 100);
      await Promise.all([store.touchApiToken('tok_1', t0 + 300), store.touchApiToken('tok_1', t0 + 200)]);
      expect((await store.getApiToken('tok_1'))?.lastUsedAt).toBe(t0 + 300);
    });
  });
}
