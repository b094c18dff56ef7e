import { describe, expect, it } from 'vitest';
import { type GetStore, t0, user } from './fixtures.ts';

/** The `SingleSignOnStore` port (store/single-sign-on.ts). */
export function describeSingleSignOn(getStore: GetStore): void {
  describe('single sign-on settings', () => {
    it('has nothing saved at first', async () => {
      expect(await getStore().singleSignOnSettings()).toEqual({});
    });

    it('keeps every field as saved, and a later save replaces the whole set', async () => {
      const store = getStore();
      const full = {
        enabled: true,
        issuer: 'https://id.example.com',
        clientId: 'beckon',
        clientSecret: 's3cret',
        name: 'Corp ID',
        rolesClaim: 'groups',
        roleMapping: [
          { role: 'admin' as const, values: ['admins', 'root'] },
          { role: 'agent' as const, values: ['staff'] },
        ],
        passwordLogin: false,
      };
      await store.saveSingleSignOnSettings(full, null, t0);
      expect(await store.singleSignOnSettings()).toEqual(full);
      await store.saveSingleSignOnSettings({ enabled: false, passwordLogin: true }, null, t0 + 1);
      expect(await store.singleSignOnSettings()).toEqual({ enabled: false, passwordLogin: true });
    });

    it('counts the active users of a role linked to an issuer', async () => {
      const store = getStore();
      await store.createUser(user({ id: 'usr_a', email: 'a@example.com', role: 'admin' }));
      await store.createUser(
        user({ id: 'usr_b', email: 'b@example.com', role: 'admin', status: 'disabled' }),
      );
      await store.createUser(user({ id: 'usr_c', email: 'c@example.com', role: 'agent' }));
      const issuer = 'https://id.example.com';
      for (const [subject, userId] of [
        ['a1', 'usr_a'],
        ['a2', 'usr_a'],
        ['b', 'usr_b'],
        ['c', 'usr_c'],
      ] as const)
        await store.linkUserIdentity({ issuer, subject, userId, linkedAt: t0 });
      await store.linkUserIdentity({
        issuer: 'https://other.example',
        subject: 'x',
        userId: 'usr_c',
        linkedAt: t0,
      });
      expect(await store.countLinkedActiveUsers(issuer, 'admin')).toBe(1);
      expect(await store.countLinkedActiveUsers(issuer, 'agent')).toBe(1);
      expect(await store.countLinkedActiveUsers('https://other.example', 'admin')).toBe(0);
    });
  });
}
