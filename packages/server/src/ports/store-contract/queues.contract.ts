import { describe, expect, it } from 'vitest';
import { type GetStore, t0, user } from './fixtures.ts';

/** The `QueueStore` port (store/queues.ts). */
export function describeQueues(getStore: GetStore): void {
  describe('queues and members', () => {
    it('creates and lists queues', async () => {
      const store = getStore();
      expect(await store.listQueues()).toEqual([]);
      await store.createQueue({ id: 'que_b', name: 'Sales' });
      await store.createQueue({ id: 'que_a', name: 'Support' });
      expect(await store.listQueues()).toEqual(
        expect.arrayContaining([
          { id: 'que_a', name: 'Support', assignmentMethod: 'most-free', autoAssign: false },
          { id: 'que_b', name: 'Sales', assignmentMethod: 'most-free', autoAssign: false },
        ]),
      );
      expect(await store.listQueues()).toHaveLength(2);
    });

    it('adds members once each and lists them per queue', async () => {
      const store = getStore();
      await store.createQueue({ id: 'que_1', name: 'Support' });
      await store.createQueue({ id: 'que_2', name: 'Sales' });
      await store.createUser(user({ id: 'usr_1', email: 'a@example.com' }));
      await store.createUser(user({ id: 'usr_2', email: 'b@example.com' }));
      expect(await store.listQueueMembers('que_1')).toEqual([]);
      await store.addQueueMember('que_1', 'usr_2');
      await store.addQueueMember('que_1', 'usr_1');
      await store.addQueueMember('que_1', 'usr_1');
      await store.addQueueMember('que_2', 'usr_2');
      expect((await store.listQueueMembers('que_1')).sort()).toEqual(['usr_1', 'usr_2']);
      expect(await store.listQueueMembers('que_2')).toEqual(['usr_2']);
    });

    it('creates with defaults, reads, updates and deletes a queue', async () => {
      const store = getStore();
      await store.createQueue({ id: 'que_1', name: 'Support' });
      expect(await store.getQueue('que_1')).toStrictEqual({
        id: 'que_1',
        name: 'Support',
        assignmentMethod: 'most-free',
        autoAssign: false,
      });
      const changed = {
        id: 'que_1',
        name: 'Billing',
        assignmentMethod: 'round-robin' as const,
        offerTimeoutSeconds: 45,
        autoAssign: true,
      };
      expect(await store.updateQueue(changed)).toBe(true);
      expect(await store.getQueue('que_1')).toStrictEqual(changed);
      expect(await store.updateQueue({ ...changed, id: 'que_missing' })).toBe(false);
      expect(await store.updateQueue({ ...changed, offerTimeoutSeconds: undefined })).toBe(true);
      expect((await store.getQueue('que_1'))?.offerTimeoutSeconds).toBeUndefined();
      expect(await store.deleteQueue('que_1')).toBe(true);
      expect(await store.deleteQueue('que_1')).toBe(false);
      expect(await store.getQueue('que_1')).toBeUndefined();
    });

    it('sets the exact membership, keeping the round-robin memory of members who stay', async () => {
      const store = getStore();
      await store.createQueue({ id: 'que_1', name: 'Support' });
      for (const id of ['usr_1', 'usr_2', 'usr_3']) {
        await store.createUser(user({ id, email: `${id}@example.com` }));
      }
      await store.setQueueMembers('que_1', ['usr_2', 'usr_1', 'usr_1']);
      expect(await store.listQueueMembers('que_1')).toEqual(['usr_1', 'usr_2']);
      await store.markQueueMemberOffered('que_1', 'usr_2', t0 + 5);
      await store.setQueueMembers('que_1', ['usr_3', 'usr_2']);
      const memory = (await store.listQueueMemberLoads('que_1')).map(({ userId, lastOfferedAt }) =>
        lastOfferedAt === undefined ? { userId } : { userId, lastOfferedAt },
      );
      expect(memory).toStrictEqual([{ userId: 'usr_2', lastOfferedAt: t0 + 5 }, { userId: 'usr_3' }]);
      await store.setQueueMembers('que_1', []);
      expect(await store.listQueueMembers('que_1')).toEqual([]);
    });

    it('deleting a queue removes its memberships', async () => {
      const store = getStore();
      await store.createQueue({ id: 'que_1', name: 'Support' });
      await store.createUser(user({ id: 'usr_1', email: 'a@example.com' }));
      await store.addQueueMember('que_1', 'usr_1');
      await store.deleteQueue('que_1');
      await store.createQueue({ id: 'que_1', name: 'Again' });
      expect(await store.listQueueMembers('que_1')).toEqual([]);
    });
  });
}
