import { FakeClock } from '@beckon/test-kit';
import { describe, expect, it } from 'vitest';
import { Periodic } from './periodic.ts';

describe('Periodic', () => {
  it('runs every interval on the clock and stops', async () => {
    const clock = new FakeClock(0);
    const runs: number[] = [];
    const periodic = new Periodic(
      clock,
      1_000,
      async () => void runs.push(clock.now()),
      () => {},
    );
    periodic.start();
    await clock.advance(3_500);
    expect(runs).toEqual([1_000, 2_000, 3_000]);
    await periodic.stop();
    await clock.advance(5_000);
    expect(runs).toHaveLength(3);
  });

  it('skips a tick while the previous run is still going, and reports failures without stopping', async () => {
    const clock = new FakeClock(0);
    const errors: unknown[] = [];
    let release: () => void = () => {};
    let calls = 0;
    const periodic = new Periodic(
      clock,
      1_000,
      () => {
        calls++;
        if (calls === 1) return new Promise<void>((resolve) => (release = resolve));
        return Promise.reject(new Error(`run ${calls}`));
      },
      (error) => errors.push(error),
    );
    periodic.start();
    await clock.advance(3_000);
    expect(calls).toBe(1);
    release();
    // runNow while a run is going waits for that run instead of starting another.
    await periodic.runNow();
    expect(calls).toBe(1);
    await clock.advance(2_000);
    expect(calls).toBe(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(['run 2', 'run 3']);
    await periodic.stop();
  });
});
