import beta from '@stdlib/random-base-beta';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

/** One arm of an optimised split: how often its invitation was shown and how often it reached the objective. */
export interface ArmStats {
  variantId: string;
  shown: number;
  /** Invitations that reached the objective (accepted, or a chat with an agent); at most `shown`. */
  successes: number;
}

/** An arm's posterior under a uniform Beta(1, 1) prior: its mean and 95 % credible interval. */
export interface ArmPosterior {
  variantId: string;
  mean: number;
  low: number;
  high: number;
}

function parameters(arm: ArmStats): [number, number] {
  const shown = Math.max(arm.shown, 0);
  const successes = Math.min(Math.max(arm.successes, 0), shown);
  return [1 + successes, 1 + shown - successes];
}

/** mulberry32: a small seeded generator of uniform numbers in (0, 1), for the Beta sampler and simulations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    // Never 0: samplers take logarithms of it.
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 2 ** 32;
  };
}

/**
 * Thompson sampling over the arms of a split, with one Beta sampler from stdlib fed by a seeded generator: the
 * same seed replays the same sequence of picks (tests, the benchmark). A visitor keeps their variant because the
 * caller reuses the one they were first shown, not because their draw is repeatable. Making a sampler costs
 * far more than a pick, so one object serves every pick of a node.
 */
export class Thompson {
  private readonly draw: (a: number, b: number) => number;

  constructor(seed: number) {
    this.draw = beta.factory({ prng: seededRandom(seed) });
  }

  /**
   * One draw from each arm's Beta posterior; the arm with the highest draw wins. Arms that do well are drawn
   * high more often and so get more traffic, while uncertain arms still get tried.
   */
  pick(arms: readonly ArmStats[]): string {
    if (arms.length === 0) throw new Error('a pick needs at least one arm');
    let best = arms[0]!.variantId;
    let bestValue = -1;
    for (const arm of arms) {
      const [a, b] = parameters(arm);
      const value = this.draw(a, b);
      if (value > bestValue) {
        bestValue = value;
        best = arm.variantId;
      }
    }
    return best;
  }

  /** The probability that each arm is the best, by Monte Carlo over `draws` joint draws of the posteriors. */
  probabilityBest(arms: readonly ArmStats[], draws = 10_000): Map<string, number> {
    const wins = new Map(arms.map((arm) => [arm.variantId, 0]));
    if (arms.length === 0) return wins;
    for (let i = 0; i < draws; i += 1) {
      const id = this.pick(arms);
      wins.set(id, (wins.get(id) ?? 0) + 1);
    }
    return new Map([...wins].map(([id, count]) => [id, count / draws]));
  }
}

export function posterior(arm: ArmStats): ArmPosterior {
  const [a, b] = parameters(arm);
  return {
    variantId: arm.variantId,
    mean: a / (a + b),
    low: betaQuantile(0.025, a, b),
    high: betaQuantile(0.975, a, b),
  };
}

/** A difference of two rates with its 95 % credible interval. */
export interface RateDifference {
  difference: number;
  low: number;
  high: number;
}

/**
 * How much higher the first group's rate is than the second's (e.g. invited against holdout visitors who chatted),
 * with its 95 % credible interval: joint draws from both Beta(1 + x, 1 + n − x) posteriors, seeded so the same
 * counts always give the same interval. Undefined when a group is empty.
 */
export function rateDifference(
  first: { x: number; n: number },
  second: { x: number; n: number },
  draws = 20_000,
  seed = 1,
): RateDifference | undefined {
  if (first.n <= 0 || second.n <= 0) return undefined;
  const draw = beta.factory({ prng: seededRandom(seed) });
  const [a1, b1] = parameters({ variantId: 'first', shown: first.n, successes: first.x });
  const [a2, b2] = parameters({ variantId: 'second', shown: second.n, successes: second.x });
  const differences = new Float64Array(draws);
  for (let i = 0; i < draws; i += 1) differences[i] = draw(a1, b1) - draw(a2, b2);
  differences.sort();
  return {
    difference: a1 / (a1 + b1) - a2 / (a2 + b2),
    low: differences[Math.floor(draws * 0.025)] ?? 0,
    high: differences[Math.ceil(draws * 0.975) - 1] ?? 0,
  };
}
