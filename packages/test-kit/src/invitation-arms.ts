import { seededRandom } from '@beckon/rules';

/**
 * A seeded source of simulated invitation outcomes: arms (message variants) with known acceptance rates, so an
 * optimiser's choices can be scored against the truth. Seeded, so a run is the same every time.
 */
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
