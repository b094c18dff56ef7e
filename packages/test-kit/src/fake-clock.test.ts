import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.ts';

/** A timer that re-arms itself every `every` ms, recording the time each run saw. */
function repeating(clock: FakeClock, every: number): number[] {
  const runs: number[] = [];
  const run = () => {
    runs.push(clock.now());
    clock.setTimer(clock.now() + every, run);
  };
  clock.setTimer(clock.now() + every, run);
  return runs;
}

describe('FakeClock', () => {
  it('advance fires each due timer on time, timers armed meanwhile included', async () => {
    const clock = new FakeClock(0);
    const runs = repeating(clock, 5_000);
    await clock.advance(20_000);
    expect(runs).toEqual([5_000, 10_000, 15_000, 20_000]);
  });

  it('jump is a stall: the time moves at once, then each overdue timer fires once, late', async () => {
    const clock = new FakeClock(0);
    const runs = repeating(clock, 5_000);
    const once: number[] = [];
    clock.setTimer(12_000, () => once.push(clock.now()));
    await clock.jump(20_000);
    expect(runs).toEqual([20_000]);
    expect(once).toEqual([20_000]);
    expect(clock.now()).toBe(20_000);
    // After the stall the cadence resumes from the late run.
    await clock.advance(5_000);
    expect(runs).toEqual([20_000, 25_000]);
  });
});
