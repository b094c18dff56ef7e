import { describe, expect, it } from 'vitest';
import { type Metrics, noMetrics } from '../ports/metrics.ts';
import type { Store } from '../ports/store.ts';
import { instrumentStore, instrumentTask } from './instrumented.ts';

function recording() {
  const takeovers: [string, number][] = [];
  const sweeps: [string, boolean][] = [];
  const metrics: Metrics = {
    ...noMetrics,
    takeover: (what, count) => takeovers.push([what, count]),
    sweep: (task, _seconds, failed) => sweeps.push([task, failed]),
  };
  return { metrics, takeovers, sweeps };
}

describe('instrumented store and tasks', () => {
  it('count what the takeover sweep found: overdue offers and invitations, agents of dead nodes', async () => {
    const { metrics, takeovers } = recording();
    const store = instrumentStore(
      {
        listOverdueOffers: async () => [{ id: 'off_1' }, { id: 'off_2' }],
        listOverdueInvitations: async () => [],
        reapDeadNodes: async () => ['usr_1'],
      } as unknown as Store,
      metrics,
    );
    await store.listOverdueOffers(1);
    await store.listOverdueInvitations(1);
    await store.reapDeadNodes(1, 'node_self');
    expect(takeovers).toEqual([
      ['offers', 2],
      ['invitations', 0],
      ['agents', 1],
    ]);
  });

  it('time each run of a periodic task, failed when it throws, and still throw', async () => {
    const { metrics, sweeps } = recording();
    await instrumentTask(async () => {}, 'heartbeat', metrics)();
    await expect(
      instrumentTask(
        async () => {
          throw new Error('database gone');
        },
        'retention',
        metrics,
      )(),
    ).rejects.toThrow('database gone');
    expect(sweeps).toEqual([
      ['heartbeat', false],
      ['retention', true],
    ]);
  });
});
