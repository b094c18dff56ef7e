import { describe, expect, it } from 'vitest';
import { type GetStore, t0 } from './fixtures.ts';

export function describeNodes(getStore: GetStore): void {
  describe('nodes', () => {
    it('registers a node on its first heartbeat and recognises it after', async () => {
      const store = getStore();
      expect(await store.heartbeatNode('node_a', t0)).toBe(false);
      expect(await store.heartbeatNode('node_a', t0 + 5_000)).toBe(true);
    });

    it('tracks agent sockets per node, idempotently', async () => {
      const store = getStore();
      await store.heartbeatNode('node_a', t0);
      await store.addAgentConnection('node_a', 'usr_2');
      await store.addAgentConnection('node_a', 'usr_2');
      await store.addAgentConnection('node_a', 'usr_1');
      expect(await store.listConnectedAgents()).toEqual(['usr_1', 'usr_2']);
      await store.removeAgentConnection('node_a', 'usr_2');
      expect(await store.listConnectedAgents()).toEqual(['usr_1']);
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
      expect(await store.listConnectedAgents()).toEqual(['usr_both', 'usr_only_live']);
      // Reaped once: a second sweep finds nothing, and the dead node counts as new if it ever beats again.
      expect(await store.reapDeadNodes(t0 + 5_000, 'node_live')).toEqual([]);
      expect(await store.heartbeatNode('node_dead', t0 + 20_000)).toBe(false);
      expect(await store.heartbeatNode('node_live', t0 + 20_000)).toBe(true);
    });

    it('never reaps the calling node, however old its heartbeat', async () => {
      const store = getStore();
      await store.heartbeatNode('node_self', t0);
      await store.addAgentConnection('node_self', 'usr_1');
      expect(await store.reapDeadNodes(t0 + 60_000, 'node_self')).toEqual([]);
      expect(await store.listConnectedAgents()).toEqual(['usr_1']);
      expect(await store.heartbeatNode('node_self', t0 + 60_000)).toBe(true);
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
  });
}
