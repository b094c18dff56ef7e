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

/** What a message variant truly does, per invitation shown: the simulator's ground truth for each objective. */
export interface VariantTruth {
  /** Chance the invitation is accepted. */
  accepted: number;
  /** Chance an agent answers the chat of an accepted invitation. */
  chatGivenAccepted: number;
  /** Chance the visitor converts (the tracked event) after accepting. */
  eventGivenAccepted: number;
}

/** What a visitor does without being invited (a held visitor, or an invited one who did not accept). */
export interface BaselineTruth {
  /** Chance they open a chat by themselves that an agent answers. */
  chat: number;
  /** Chance they convert anyway. */
  event: number;
}

export type SimulatedObjective = 'accepted' | 'chat' | 'event';

/** One visitor's outcomes; `accepted` is false for a held visitor. */
export interface VisitorOutcome {
  accepted: boolean;
  /** A chat from the invitation that an agent answered (what the `chat` objective counts per invitation). */
  chatFromInvitation: boolean;
  /** Any answered chat, from the invitation or not (what the holdout comparison counts per visitor). */
  chat: boolean;
  event: boolean;
}

/**
 * Seeded visitors with known behaviour per variant and without an invitation, so an optimiser can be scored on
 * each objective and the holdout uplift it reports can be checked against the true one. A visitor who does not
 * accept behaves like a held one: the invitation acts only through acceptance.
 */
export class SimulatedVisitors {
  private readonly random: () => number;

  constructor(
    readonly variants: readonly VariantTruth[],
    readonly baseline: BaselineTruth,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  get ids(): string[] {
    return this.variants.map((_, i) => `v${i}`);
  }

  private truth(id: string): VariantTruth {
    const truth = this.variants[Number(id.slice(1))];
    if (!truth) throw new Error(`no variant ${id}`);
    return truth;
  }

  /** Shows variant `id` to one visitor. */
  show(id: string): VisitorOutcome {
    const truth = this.truth(id);
    const accepted = this.random() < truth.accepted;
    if (!accepted) return { accepted, chatFromInvitation: false, ...this.unprompted() };
    const chatFromInvitation = this.random() < truth.chatGivenAccepted;
    return {
      accepted,
      chatFromInvitation,
      chat: chatFromInvitation,
      event: this.random() < truth.eventGivenAccepted,
    };
  }

  /** A held visitor: never invited. */
  hold(): VisitorOutcome {
    return { accepted: false, chatFromInvitation: false, ...this.unprompted() };
  }

  private unprompted(): { chat: boolean; event: boolean } {
    return { chat: this.random() < this.baseline.chat, event: this.random() < this.baseline.event };
  }

  /** The true per-invitation rate of an objective for variant `id` (what the optimiser's arm estimates). */
  armRate(id: string, objective: SimulatedObjective): number {
    const truth = this.truth(id);
    if (objective === 'accepted') return truth.accepted;
    if (objective === 'chat') return truth.accepted * truth.chatGivenAccepted;
    return truth.accepted * truth.eventGivenAccepted + (1 - truth.accepted) * this.baseline.event;
  }

  /** The true per-visitor rate the holdout comparison measures, for a visitor shown `id`. */
  visitorRate(id: string, objective: Exclude<SimulatedObjective, 'accepted'>): number {
    const truth = this.truth(id);
    const ifAccepted = objective === 'chat' ? truth.chatGivenAccepted : truth.eventGivenAccepted;
    return truth.accepted * ifAccepted + (1 - truth.accepted) * this.baseline[objective];
  }

  /** The variant with the highest true rate of the objective (an oracle nobody has). */
  bestId(objective: SimulatedObjective): string {
    const rates = this.ids.map((id) => this.armRate(id, objective));
    return `v${rates.indexOf(Math.max(...rates))}`;
  }
}
