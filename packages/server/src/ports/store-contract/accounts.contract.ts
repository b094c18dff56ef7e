import { describe, expect, it } from 'vitest';
import { type GetStore, t0, user } from './fixtures.ts';

/** The `AccountStore` port (store/accounts.ts). */
export function describeAccounts(getStore: GetStore): void {
  describe('users', () => {
    it('round-trips a user', async () => {
      const store = getStore();
      await store.createUser(user());
      expect(await store.getUser('usr_1')).toStrictEqual(user());
    });

    it('returns undefined for an unknown user', async () => {
      expect(await getStore().getUser('usr_missing')).toBeUndefined();
    });

    it('stores email in lower case and finds it case-insensitively', async () => {
      const store = getStore();
      await store.createUser(user({ email: 'Ann.Smith@Example.COM' }));
      expect((await store.getUser('usr_1'))?.email).toBe('ann.smith@example.com');
      expect((await store.findUserByEmail('ANN.smith@example.com'))?.id).toBe('usr_1');
      expect(await store.findUserByEmail('bob@example.com')).toBeUndefined();
    });

    it('rejects a second user with the same email in another case', async () => {
      const store = getStore();
      await store.createUser(user());
      await expect(store.createUser(user({ id: 'usr_2', email: 'ANN@example.com' }))).rejects.toThrow();
      expect(await store.countUsers()).toBe(1);
    });

    it('lists and counts users', async () => {
      const store = getStore();
      expect(await store.countUsers()).toBe(0);
      expect(await store.listUsers()).toEqual([]);
      await store.createUser(user({ id: 'usr_b', email: 'b@example.com', role: 'admin', createdAt: t0 + 1 }));
      await store.createUser(user({ id: 'usr_a', email: 'a@example.com', role: 'supervisor' }));
      expect(await store.countUsers()).toBe(2);
      const listed = await store.listUsers();
      expect(listed.map((u) => u.id).sort()).toEqual(['usr_a', 'usr_b']);
      expect(listed.find((u) => u.id === 'usr_b')).toStrictEqual(
        user({ id: 'usr_b', email: 'b@example.com', role: 'admin', createdAt: t0 + 1 }),
      );
    });
  });

  describe('capacity', () => {
    it('sets an agent capacity and reports unknown users', async () => {
      const store = getStore();
      await store.createUser(user());
      expect(await store.setUserCapacity('usr_1', 5)).toBe(true);
      expect((await store.getUser('usr_1'))?.capacity).toBe(5);
      expect((await store.listUsers())[0]?.capacity).toBe(5);
      expect(await store.setUserCapacity('usr_missing', 2)).toBe(false);
    });
  });

  describe('sessions', () => {
    it('creates, reads and deletes a session', async () => {
      const store = getStore();
      await store.createUser(user());
      const session = { id: 'a'.repeat(64), userId: 'usr_1', createdAt: t0, expiresAt: t0 + 86_400_000 };
      await store.createSession(session);
      expect(await store.getSession(session.id)).toStrictEqual(session);
      await store.deleteSession(session.id);
      expect(await store.getSession(session.id)).toBeUndefined();
    });

    it('deleting an unknown session is harmless', async () => {
      await expect(getStore().deleteSession('nope')).resolves.toBeUndefined();
    });

    it('keeps epoch milliseconds beyond 32 bits exact', async () => {
      const store = getStore();
      await store.createUser(user());
      const far = 8_640_000_000_000_000;
      await store.createSession({ id: 'far', userId: 'usr_1', createdAt: t0, expiresAt: far });
      expect((await store.getSession('far'))?.expiresAt).toBe(far);
    });
  });
}
