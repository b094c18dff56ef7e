import { describe, expect, it } from 'vitest';
import { type GetStore, invitation, seedVisitor, seedWidget, t0 } from './fixtures.ts';

/** The `InvitationStore` port (store/invitations.ts). */
export function describeInvitations(getStore: GetStore): void {
  describe('invitations', () => {
    it('round-trips an invitation with and without its rule', async () => {
      const store = getStore();
      await seedVisitor(store);
      await store.createInvitation(invitation());
      const fromRule = invitation({
        id: 'inv_2',
        ruleId: 'rul_1',
        ruleName: 'Checkout help',
        source: 'rule',
        showPrechat: true,
        status: 'dismissed',
        closedAt: t0 + 5,
        smart: true,
      });
      await store.createInvitation(fromRule);
      expect(await store.getInvitation('inv_1')).toStrictEqual(invitation());
      expect(await store.getInvitation('inv_2')).toStrictEqual(fromRule);
      expect(await store.getInvitation('inv_missing')).toBeUndefined();
    });

    it("round-trips an agent's invitation with its agent, and withdraws it from shown only", async () => {
      const store = getStore();
      await seedVisitor(store);
      const fromAgent = invitation({ id: 'inv_agent', source: 'agent', agentId: 'usr_7', message: 'Hi!' });
      await store.createInvitation(fromAgent);
      expect(await store.getInvitation('inv_agent')).toStrictEqual(fromAgent);
      expect(await store.closeInvitation('inv_agent', 'withdrawn', t0 + 3)).toBe(true);
      expect(await store.closeInvitation('inv_agent', 'accepted', t0 + 4)).toBe(false);
      expect((await store.getInvitation('inv_agent'))?.status).toBe('withdrawn');
    });

    it("finds the visitor's shown invitation only", async () => {
      const store = getStore();
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2' });
      expect(await store.findShownInvitation('vis_1')).toBeUndefined();
      await store.createInvitation(invitation({ id: 'inv_old', status: 'expired', closedAt: t0 }));
      await store.createInvitation(invitation({ id: 'inv_other', visitorId: 'vis_2' }));
      expect(await store.findShownInvitation('vis_1')).toBeUndefined();
      await store.createInvitation(invitation({ id: 'inv_now', createdAt: t0 + 1 }));
      expect((await store.findShownInvitation('vis_1'))?.id).toBe('inv_now');
    });

    it('closes only from shown: the first close wins, later ones change nothing', async () => {
      const store = getStore();
      await seedVisitor(store);
      await store.createInvitation(invitation());
      expect(await store.closeInvitation('inv_1', 'accepted', t0 + 10)).toBe(true);
      expect(await store.closeInvitation('inv_1', 'expired', t0 + 20)).toBe(false);
      expect(await store.closeInvitation('inv_1', 'dismissed', t0 + 30)).toBe(false);
      expect(await store.getInvitation('inv_1')).toStrictEqual(
        invitation({ status: 'accepted', closedAt: t0 + 10 }),
      );
      expect(await store.findShownInvitation('vis_1')).toBeUndefined();
      expect(await store.closeInvitation('inv_missing', 'expired', t0)).toBe(false);
    });

    it('has exactly one winner among concurrent closes', async () => {
      const store = getStore();
      await seedVisitor(store);
      await store.createInvitation(invitation());
      const targets = ['accepted', 'dismissed', 'expired'] as const;
      const results = await Promise.all(
        Array.from({ length: 9 }, (_, i) =>
          store.closeInvitation('inv_1', targets[i % 3] ?? 'expired', t0 + i),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await store.getInvitation('inv_1')).toMatchObject({
        status: targets[winner % 3],
        closedAt: t0 + winner,
      });
    });

    it('lists shown invitations whose deadline is at or before the time', async () => {
      const store = getStore();
      await seedWidget(store);
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2' });
      await seedVisitor(store, { id: 'vis_3' });
      await store.createInvitation(invitation({ id: 'inv_late', expiresAt: t0 + 100 }));
      await store.createInvitation(invitation({ id: 'inv_due', visitorId: 'vis_2', expiresAt: t0 + 50 }));
      await store.createInvitation(invitation({ id: 'inv_edge', visitorId: 'vis_3', expiresAt: t0 + 60 }));
      await store.createInvitation(
        invitation({ id: 'inv_closed', expiresAt: t0 + 10, status: 'accepted', closedAt: t0 + 5 }),
      );
      const overdue = await store.listOverdueInvitations(t0 + 60);
      expect(overdue.map((i) => i.id).sort()).toEqual(['inv_due', 'inv_edge']);
      expect(overdue.find((i) => i.id === 'inv_due')).toStrictEqual(
        invitation({ id: 'inv_due', visitorId: 'vis_2', expiresAt: t0 + 50 }),
      );
      expect(await store.listOverdueInvitations(t0)).toEqual([]);
    });

    it('lists the invitations of one visitor created at or after `since`, oldest first', async () => {
      const store = getStore();
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2' });
      expect(await store.listInvitations('vis_1', 0)).toEqual([]);
      const dismissed = invitation({
        id: 'inv_b',
        ruleId: 'rul_1',
        ruleName: 'Checkout help',
        source: 'rule',
        status: 'dismissed',
        createdAt: t0 + 10,
        closedAt: t0 + 20,
      });
      await store.createInvitation(invitation({ id: 'inv_c', createdAt: t0 + 30 }));
      await store.createInvitation(dismissed);
      // One `shown` at a time per visitor: the others are closed.
      await store.createInvitation(
        invitation({ id: 'inv_a', createdAt: t0 + 10, status: 'expired', closedAt: t0 + 15 }),
      );
      await store.createInvitation(
        invitation({ id: 'inv_old', createdAt: t0 - 1, status: 'expired', closedAt: t0 }),
      );
      await store.createInvitation(invitation({ id: 'inv_other', visitorId: 'vis_2', createdAt: t0 + 10 }));
      const listed = await store.listInvitations('vis_1', t0);
      expect(listed.map((i) => i.id)).toEqual(['inv_a', 'inv_b', 'inv_c']);
      expect(listed[1]).toStrictEqual(dismissed);
      expect((await store.listInvitations('vis_1', t0 + 11)).map((i) => i.id)).toEqual(['inv_c']);
      expect(await store.listInvitations('vis_1', t0 + 31)).toEqual([]);
    });

    it('shows one invitation per visitor at a time, whatever number of tabs decide at once', async () => {
      const store = getStore();
      await seedWidget(store);
      await seedVisitor(store);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.createInvitation(invitation({ id: `inv_${i}`, createdAt: t0 + i })),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const shown = await store.findShownInvitation('vis_1');
      expect(shown?.id).toBe(`inv_${results.indexOf(true)}`);
      expect(await store.listInvitations('vis_1', 0)).toHaveLength(1);
      // Holdout records are not shown: they never conflict. A closed invitation makes room for the next.
      const held = invitation({ id: 'inv_held', status: 'held', closedAt: t0 });
      expect(await store.createInvitation(held)).toBe(true);
      expect(await store.closeInvitation(shown!.id, 'dismissed', t0 + 10)).toBe(true);
      expect(await store.createInvitation(invitation({ id: 'inv_next', createdAt: t0 + 20 }))).toBe(true);
    });
  });
}
