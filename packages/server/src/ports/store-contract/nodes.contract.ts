import { describe, expect, it } from 'vitest';
import { type GetStore, seedConversation, t0 } from './fixtures.ts';

/** The `NodeStore` port (store/nodes.ts). */
export function describeNodes(getStore: GetStore): void {
  describe('nodes', () => {
    it('registers a node on its first heartbeat and recognises it after', async () => {
      const store = getStore();
      expect(await store.heartbeatNode('node_a', t0)).toBe(false);
      expect(await store.heartbeatNode('node_a', t0 + 5_000)).toBe(true);
    });

    it('reaps nodes with a stale heartbeat and reports agents left with no socket anywhere', async () => {
      const store = getStore();
      await store.heartbeatNode('node_dead', t0);
      await store.heartbeatNode('node_live', t0 + 10_000);
      await store.addAgentConnection('node_dead', 'usr_only_dead');
      await store.addAgentConnection('node_dead', 'usr_both');
      await store.addAgentConnection('node_live', 'usr_both');
      await store.addAgentConnection('node_live', 'usr_only_live');

      expect(await store.reapDeadNodes(t0 + 5_000, 'node_live')).toEqual(['usr_only_dead']);
      // Reaped once: a second sweep finds nothing, and the dead node counts as new if it ever beats again.
      expect(await store.reapDeadNodes(t0 + 5_000, 'node_live')).toEqual([]);
      expect(await store.heartbeatNode('node_dead', t0 + 20_000)).toBe(false);
      expect(await store.heartbeatNode('node_live', t0 + 20_000)).toBe(true);
      // The live node's sockets were kept: when it dies in turn, both its agents are left without one.
      expect(await store.reapDeadNodes(t0 + 30_000, 'node_other')).toEqual(['usr_both', 'usr_only_live']);
    });

    it('never reaps the calling node, however old its heartbeat', async () => {
      const store = getStore();
      await store.heartbeatNode('node_self', t0);
      await store.addAgentConnection('node_self', 'usr_1');
      expect(await store.reapDeadNodes(t0 + 60_000, 'node_self')).toEqual([]);
      expect(await store.heartbeatNode('node_self', t0 + 60_000)).toBe(true);
      // Its socket was kept: another node reaping it later finds the agent.
      expect(await store.reapDeadNodes(t0 + 120_000, 'node_other')).toEqual(['usr_1']);
    });

    it('reports each agent of a dead node to one of several concurrent reapers', async () => {
      const store = getStore();
      await store.heartbeatNode('node_dead', t0);
      for (let i = 0; i < 5; i++) await store.addAgentConnection('node_dead', `usr_${i}`);
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) => store.reapDeadNodes(t0 + 1, `node_reaper_${i}`)),
      );
      expect(results.flat().sort()).toEqual(['usr_0', 'usr_1', 'usr_2', 'usr_3', 'usr_4']);
    });

    it("counts a dead node's visitors gone from the reap, unless they have a socket on another node", async () => {
      const store = getStore();
      await seedConversation(store);
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await store.heartbeatNode('node_dead', t0);
      await store.heartbeatNode('node_live', t0 + 10_000);
      await store.addVisitorConnection('node_dead', 'vis_1');
      await store.addVisitorConnection('node_dead', 'vis_2');
      await store.addVisitorConnection('node_live', 'vis_2');
      await store.reapVisitorConnections(t0 + 5_000, 'node_live');
      expect(await store.listAbandonedConversations(t0 + 4_999)).toEqual([]);
      expect((await store.listAbandonedConversations(t0 + 5_000)).map((c) => c.id)).toEqual(['cnv_1']);
      // The reaper never counts its own sockets.
      await store.addVisitorConnection('node_self', 'vis_1');
      await store.heartbeatNode('node_self', t0);
      await store.heartbeatNode('node_live', t0 + 60_000);
      await store.reapVisitorConnections(t0 + 60_000, 'node_self');
      expect(await store.listAbandonedConversations(t0 + 60_000)).toEqual([]);
    });
  });
}
