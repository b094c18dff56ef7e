import { FakeClock } from '@beckon/test-kit';
import { describe, expect, it } from 'vitest';

import { Deadlines } from '../../scheduler/deadlines.ts';
import type { ConversationsService } from './conversations-service.ts';
import { VisitorAbsence } from './visitor-absence.ts';

describe('VisitorAbsence on a graceful shutdown', () => {
  it('leave waits for the disconnections already being recorded, so none runs on a closed store', async () => {
    const log: string[] = [];
    let release: () => void = () => {};
    const slowWrite = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Only what a disconnection touches; the write of the first one is held until released.
    const store: ConstructorParameters<typeof VisitorAbsence>[0] = {
      addVisitorConnection: async () => {},
      removeVisitorConnection: async (_node: string, visitorId: string) => {
        if (visitorId === 'vis_slow') await slowWrite;
        log.push(`removed ${visitorId}`);
      },
      findOpenConversation: async () => undefined,
      listAbandonedConversations: async () => [],
    };
    const clock = new FakeClock(0);
    const absence = new VisitorAbsence(
      store,
      clock,
      new Deadlines(clock, () => {}),
      {} as ConversationsService,
      'node_1',
    );
    await absence.connected('vis_slow');
    await absence.connected('vis_open');
    const disconnecting = absence.disconnected('vis_slow');
    const leaving = absence.leave().then(() => log.push('left'));
    for (let turn = 0; turn < 10; turn++) await Promise.resolve();
    // Still recording vis_slow's disconnection: leave has not gone on (the store must not close yet).
    expect(log).toEqual([]);
    release();
    await Promise.all([disconnecting, leaving]);
    expect(log).toEqual(['removed vis_slow', 'removed vis_open', 'left']);
    // After leaving, a late socket close records nothing.
    await absence.disconnected('vis_open');
    expect(log).toHaveLength(3);
  });
});
