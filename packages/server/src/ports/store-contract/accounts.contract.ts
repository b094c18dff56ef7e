import { describe, expect, it } from 'vitest';
import { type GetStore, seedConversation, t0, user } from './fixtures.ts';

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

  describe('account lifecycle', () => {
    it('changes status, role, password and sign-in time, and reports unknown users', async () => {
      const store = getStore();
      await store.createUser(user());
      expect(
        await store.updateUser('usr_1', {
          status: 'disabled',
          role: 'supervisor',
          passwordHash: 'h2',
          passwordChangeRequired: true,
          lastSignInAt: t0 + 5,
        }),
      ).toBe(true);
      expect(await store.getUser('usr_1')).toStrictEqual(
        user({
          status: 'disabled',
          role: 'supervisor',
          passwordHash: 'h2',
          passwordChangeRequired: true,
          lastSignInAt: t0 + 5,
        }),
      );
      expect(await store.updateUser('usr_1', {})).toBe(true);
      expect(await store.updateUser('usr_missing', { status: 'disabled' })).toBe(false);
      expect(await store.updateUser('usr_missing', {})).toBe(false);
    });

    it('counts only active users of a role', async () => {
      const store = getStore();
      await store.createUser(user({ id: 'usr_a', email: 'a@example.com', role: 'admin' }));
      await store.createUser(
        user({ id: 'usr_b', email: 'b@example.com', role: 'admin', status: 'disabled' }),
      );
      await store.createUser(user({ id: 'usr_c', email: 'c@example.com', role: 'agent' }));
      expect(await store.countActiveUsers('admin')).toBe(1);
      expect(await store.countActiveUsers('agent')).toBe(1);
      expect(await store.countActiveUsers('supervisor')).toBe(0);
    });

    it("deletes a user's sessions but the one kept, and returns their ids", async () => {
      const store = getStore();
      await store.createUser(user());
      await store.createUser(user({ id: 'usr_2', email: 'b@example.com' }));
      for (const [id, userId] of [
        ['s1', 'usr_1'],
        ['s2', 'usr_1'],
        ['s3', 'usr_1'],
        ['s4', 'usr_2'],
      ] as const)
        await store.createSession({ id, userId, createdAt: t0, expiresAt: t0 + 1000 });
      expect((await store.deleteUserSessions('usr_1', 's2')).sort()).toEqual(['s1', 's3']);
      expect(await store.getSession('s2')).toBeDefined();
      expect(await store.deleteUserSessions('usr_1')).toEqual(['s2']);
      expect(await store.getSession('s4')).toBeDefined();
    });

    it("clears the author name of the user's agent messages, keeping their text", async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1', agentId: 'usr_1', status: 'active' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2', agentId: 'usr_2', status: 'active' });
      const mine = await store.appendMessage({
        conversationId: 'cnv_1',
        author: 'agent',
        authorName: 'Ann',
        text: 'hello',
        createdAt: t0,
      });
      const visitorNamedAnn = await store.appendMessage({
        conversationId: 'cnv_1',
        author: 'visitor',
        authorName: 'Ann',
        text: 'hi',
        createdAt: t0,
      });
      const otherAnn = await store.appendMessage({
        conversationId: 'cnv_2',
        author: 'agent',
        authorName: 'Ann',
        text: 'elsewhere',
        createdAt: t0,
      });
      await store.anonymiseAgentMessages('usr_1', 'Ann');
      const first = await store.listMessages('cnv_1', 0);
      expect(first.find((m) => m.id === mine.id)).toEqual({ ...mine, authorName: undefined });
      expect(first.find((m) => m.id === mine.id)?.text).toBe('hello');
      expect(first.find((m) => m.id === visitorNamedAnn.id)?.authorName).toBe('Ann');
      expect((await store.listMessages('cnv_2', 0)).find((m) => m.id === otherAnn.id)?.authorName).toBe(
        'Ann',
      );
    });
  });

  describe('two-factor sign-in', () => {
    it('stores, replaces and clears the TOTP secrets', async () => {
      const store = getStore();
      await store.createUser(user());
      await store.updateUser('usr_1', { totpPendingSecret: 'PENDING' });
      expect(await store.getUser('usr_1')).toStrictEqual(user({ totpPendingSecret: 'PENDING' }));
      await store.updateUser('usr_1', { totpSecret: 'SECRET', totpPendingSecret: null });
      expect(await store.getUser('usr_1')).toStrictEqual(user({ totpSecret: 'SECRET' }));
      await store.updateUser('usr_1', { totpSecret: null });
      expect(await store.getUser('usr_1')).toStrictEqual(user());
    });

    it('uses each recovery code once, even when uses race; replacing drops the old ones', async () => {
      const store = getStore();
      await store.createUser(user());
      await store.replaceRecoveryCodes('usr_1', ['h1', 'h2', 'h3']);
      expect(await store.countUnusedRecoveryCodes('usr_1')).toBe(3);
      const uses = await Promise.all([1, 2, 3, 4].map(() => store.useRecoveryCode('usr_1', 'h1', t0)));
      expect(uses.filter(Boolean)).toHaveLength(1);
      expect(await store.useRecoveryCode('usr_1', 'nope', t0)).toBe(false);
      expect(await store.countUnusedRecoveryCodes('usr_1')).toBe(2);
      await store.replaceRecoveryCodes('usr_1', ['h4']);
      expect(await store.useRecoveryCode('usr_1', 'h2', t0)).toBe(false);
      expect(await store.useRecoveryCode('usr_1', 'h4', t0)).toBe(true);
      await store.replaceRecoveryCodes('usr_1', []);
      expect(await store.countUnusedRecoveryCodes('usr_1')).toBe(0);
    });

    it('answers a sign-in challenge until it expires or runs out of attempts', async () => {
      const store = getStore();
      await store.createUser(user());
      const challenge = { id: 'c1', userId: 'usr_1', expiresAt: t0 + 1000 };
      await store.createSignInChallenge(challenge);
      expect(await store.attemptSignInChallenge('c1', t0, 2)).toStrictEqual(challenge);
      expect(await store.attemptSignInChallenge('c1', t0, 2)).toStrictEqual(challenge);
      expect(await store.attemptSignInChallenge('c1', t0, 2)).toBeUndefined();
      await store.createSignInChallenge({ ...challenge, id: 'c2' });
      expect(await store.attemptSignInChallenge('c2', t0 + 1000, 5)).toBeUndefined();
      await store.deleteSignInChallenge('c2');
      await store.createSignInChallenge({ ...challenge, id: 'c2' });
      expect(await store.attemptSignInChallenge('missing', t0, 5)).toBeUndefined();
    });

    it('keeps the roles that must use two-factor sign-in', async () => {
      const store = getStore();
      expect(await store.twoFactorRoles()).toEqual([]);
      await store.setTwoFactorRoles(['supervisor', 'admin', 'admin']);
      expect(await store.twoFactorRoles()).toEqual(['admin', 'supervisor']);
      await store.setTwoFactorRoles([]);
      expect(await store.twoFactorRoles()).toEqual([]);
    });

    it('finds a user by a linked identity provider account, linked once', async () => {
      const store = getStore();
      await store.createUser(user());
      await store.createUser(user({ id: 'usr_2', email: 'bob@example.com' }));
      expect(await store.findUserByIdentity('https://idp.example', 'sub-1')).toBeUndefined();
      const link = { issuer: 'https://idp.example', subject: 'sub-1', userId: 'usr_1', linkedAt: t0 };
      expect(await store.linkUserIdentity(link)).toBe(true);
      expect(await store.linkUserIdentity({ ...link, userId: 'usr_2' })).toBe(false);
      expect((await store.findUserByIdentity('https://idp.example', 'sub-1'))?.id).toBe('usr_1');
      expect(await store.findUserByIdentity('https://other.example', 'sub-1')).toBeUndefined();
      expect(
        await store.linkUserIdentity({ ...link, issuer: 'https://other.example', userId: 'usr_2' }),
      ).toBe(true);
      expect((await store.findUserByIdentity('https://other.example', 'sub-1'))?.id).toBe('usr_2');
    });
  });
}
