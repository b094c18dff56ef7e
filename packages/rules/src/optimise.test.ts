import { SimulatedArms } from '@beckon/test-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ArmStats, posterior, rateDifference, Thompson } from './optimise.ts';

/** Plays `rounds` invitations on arms with the given true acceptance rates; returns what each arm was picked. */
function play(rates: readonly number[], rounds: number, seed: number) {
  const simulated = new SimulatedArms(rates, seed);
  const arms: ArmStats[] = simulated.ids.map((variantId) => ({ variantId, shown: 0, successes: 0 }));
  const thompson = new Thompson(seed);
  const picks: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const id = thompson.pick(arms);
    const index = arms.findIndex((arm) => arm.variantId === id);
    const arm = arms[index]!;
    arm.shown += 1;
    if (simulated.show(id)) arm.successes += 1;
    picks.push(index);
  }
  return { arms, picks };
}

const armsArb = fc.array(
  fc.record({
    shown: fc.integer({ min: 0, max: 10_000 }),
    ratio: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  { minLength: 1, maxLength: 10 },
);
const toArms = (raw: { shown: number; ratio: number }[]): ArmStats[] =>
  raw.map((arm, i) => ({
    variantId: `v${i}`,
    shown: arm.shown,
    successes: Math.floor(arm.shown * arm.ratio),
  }));

describe('Thompson sampling over a split’s variants', () => {
  it('picks one of the arms, and the same seed replays the same picks', () => {
    fc.assert(
      fc.property(armsArb, fc.integer({ min: 0, max: 2 ** 31 }), (raw, seed) => {
        const arms = toArms(raw);
        const picks = (thompson: Thompson) => Array.from({ length: 5 }, () => thompson.pick(arms));
        const first = picks(new Thompson(seed));
        for (const pick of first) expect(arms.map((arm) => arm.variantId)).toContain(pick);
        expect(picks(new Thompson(seed))).toEqual(first);
      }),
    );
  });

  it('converges on the best arm when the arms do not change', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 0.3, noNaN: true }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (others, bestAt, seed) => {
          // The best arm is clearly better (by 0.1): what 2,000 invitations can tell apart.
          const rates = [...others];
          const best = Math.min(bestAt, rates.length);
          rates.splice(best, 0, Math.max(...others) + 0.1);
          const { picks } = play(rates, 2_000, seed);
          const late = picks.slice(-500);
          expect(late.filter((index) => index === best).length / late.length).toBeGreaterThan(0.6);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('tries every arm while it knows nothing', () => {
    const arms: ArmStats[] = ['a', 'b', 'c'].map((variantId) => ({ variantId, shown: 0, successes: 0 }));
    const thompson = new Thompson(7);
    const picked = new Set(Array.from({ length: 60 }, () => thompson.pick(arms)));
    expect(picked).toEqual(new Set(['a', 'b', 'c']));
  });
});

describe('posteriors', () => {
  it('hold the mean inside the 95 % interval, which narrows as invitations add up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (shown, ratio) => {
          const successes = Math.floor(shown * ratio);
          const small = posterior({ variantId: 'a', shown, successes });
          const large = posterior({ variantId: 'a', shown: shown * 10, successes: successes * 10 });
          expect(small.low).toBeLessThanOrEqual(small.mean);
          expect(small.mean).toBeLessThanOrEqual(small.high);
          expect(large.high - large.low).toBeLessThan(small.high - small.low);
        },
      ),
    );
  });

  it('give chances to be best that add up to one and favour the better arm', () => {
    fc.assert(
      fc.property(armsArb, (raw) => {
        const chances = new Thompson(3).probabilityBest(toArms(raw), 2_000);
        const total = [...chances.values()].reduce((sum, p) => sum + p, 0);
        expect(total).toBeCloseTo(1, 9);
      }),
      { numRuns: 30 },
    );
    const chances = new Thompson(5).probabilityBest([
      { variantId: 'weak', shown: 1_000, successes: 50 },
      { variantId: 'strong', shown: 1_000, successes: 120 },
    ]);
    expect(chances.get('strong')).toBeGreaterThan(0.99);
  });
});

describe('the difference of two rates', () => {
  it('centres on the true difference, its interval holds it, narrows with counts, and needs both groups', () => {
    const small = rateDifference({ x: 12, n: 100 }, { x: 6, n: 100 });
    const large = rateDifference({ x: 1200, n: 10_000 }, { x: 600, n: 10_000 });
    expect(small?.difference).toBeCloseTo(13 / 102 - 7 / 102, 6);
    expect(large?.difference).toBeCloseTo(0.06, 2);
    expect(large!.low).toBeLessThan(0.06);
    expect(large!.high).toBeGreaterThan(0.06);
    // Small groups cannot tell 12 % from 6 % apart: zero is inside; large ones can: it is not.
    expect(small!.low).toBeLessThan(0);
    expect(large!.low).toBeGreaterThan(0);
    expect(large!.high - large!.low).toBeLessThan((small!.high - small!.low) / 5);
    expect(rateDifference({ x: 1, n: 10 }, { x: 0, n: 0 })).toBeUndefined();
    // Seeded: the same counts give the same interval.
    expect(rateDifference({ x: 12, n: 100 }, { x: 6, n: 100 })).toEqual(small);
  });
});
