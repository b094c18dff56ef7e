import { describe, expect, it } from 'vitest';
import { type GetStore, seedConversation, t0, user } from './fixtures.ts';

/** The `PresenceStore` port (store/presence.ts). */
export function describePresence(getStore: GetStore): void {
  describe('presence', () => {
    it('is offline for a user who never set it', async () => {
      expect(await getStore().getPresence('usr_unknown')).toBe('offline');
    });

    it('stores and overwrites presence', async () => {
      const store = getStore();
      await store.createUser(user());
      await store.setPresence('usr_1', 'available', t0);
      expect(await store.getPresence('usr_1')).toBe('available');
      await store.setPresence('usr_1', 'dnd', t0 + 1);
      expect(await store.getPresence('usr_1')).toBe('dnd');
      await store.setPresence('usr_1', 'offline', t0 + 2);
      expect(await store.getPresence('usr_1')).toBe('offline');
    });

    it('keeps presence per user', async () => {
      const store = getStore();
      await store.createUser(user());
      await store.createUser(user({ id: 'usr_2', email: 'b@example.com' }));
      await store.setPresence('usr_1', 'busy', t0);
      await store.setPresence('usr_2', 'away', t0);
      expect(await store.getPresence('usr_1')).toBe('busy');
      expect(await store.getPresence('usr_2')).toBe('away');
    });
  });

  describe('agent and visitor sockets', () => {
    it('tracks agent sockets per node, idempotently', async () => {
      const store = getStore();
      await store.heartbeatNode('node_a', t0);
      await store.addAgentConnection('node_a', 'usr_2');
      await store.addAgentConnection('node_a', 'usr_2');
      await store.addAgentConnection('node_a', 'usr_1');
      await store.heartbeatNode('node_b', t0);
      await store.addAgentConnection('node_b', 'usr_2');
      await store.addAgentConnection('node_b', 'usr_1');
      await store.removeAgentConnection('node_a', 'usr_2');
      // A node's sockets show when it dies: the agents it leaves with no socket anywhere.
      expect(await store.reapDeadNodes(t0 + 1, 'node_c')).toEqual(['usr_1', 'usr_2']);
      // One removal undoes any number of adds.
      await store.heartbeatNode('node_d', t0);
      await store.addAgentConnection('node_d', 'usr_2');
      await store.addAgentConnection('node_d', 'usr_2');
      await store.addAgentConnection('node_d', 'usr_1');
      await store.removeAgentConnection('node_d', 'usr_2');
      expect(await store.reapDeadNodes(t0 + 1, 'node_c')).toEqual(['usr_1']);
    });

    it('finds open chats whose visitor has had no socket on any node since the cutoff', async () => {
      const store = getStore();
      await seedConversation(store);
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3' });
      await store.endConversation('cnv_3', t0);
      // vis_1: two nodes, both close. vis_2: one of two nodes closes. vis_3: gone, but the chat ended.
      await store.addVisitorConnection('node_a', 'vis_1');
      await store.addVisitorConnection('node_b', 'vis_1');
      await store.addVisitorConnection('node_a', 'vis_2');
      await store.addVisitorConnection('node_b', 'vis_2');
      await store.addVisitorConnection('node_a', 'vis_3');
      await store.removeVisitorConnection('node_a', 'vis_1', t0 + 10);
      expect(await store.listAbandonedConversations(t0 + 1_000)).toEqual([]);
      await store.removeVisitorConnection('node_b', 'vis_1', t0 + 20);
      await store.removeVisitorConnection('node_a', 'vis_2', t0 + 20);
      await store.removeVisitorConnection('node_a', 'vis_3', t0 + 20);
      expect(await store.listAbandonedConversations(t0 + 19)).toEqual([]);
      expect((await store.listAbandonedConversations(t0 + 20)).map((c) => c.id)).toEqual(['cnv_1']);
      // Back on any node: no longer gone.
      await store.addVisitorConnection('node_c', 'vis_1');
      expect(await store.listAbandonedConversations(t0 + 1_000)).toEqual([]);
    });
  });
}
