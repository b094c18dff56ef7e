/**
 * A seeded source of simulated invitation outcomes: arms (message variants) with known acceptance rates, so an
 * optimiser's choices can be scored against the truth. Seeded (mulberry32), so a run is the same every time.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export class SimulatedArms {
  private readonly random: () => number;

  /** `rates[i]`: the true chance that an invitation with variant `v<i>` is accepted. */
  constructor(
    readonly rates: readonly number[],
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  get ids(): string[] {
    return this.rates.map((_, i) => `v${i}`);
  }

  get bestId(): string {
    return `v${this.rates.indexOf(Math.max(...this.rates))}`;
  }

  /** Shows variant `id` to one visitor: whether they accept. */
  show(id: string): boolean {
    const rate = this.rates[Number(id.slice(1))];
    if (rate === undefined) throw new Error(`no arm ${id}`);
    return this.random() < rate;
  }
}
