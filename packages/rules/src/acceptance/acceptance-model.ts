import { FEATURE_SLOTS, type Feature } from './journey-features.ts';

/** One stored outcome of a shown invitation, as the model learns from it. */
export interface Outcome {
  features: readonly Feature[];
  accepted: boolean;
}

export interface Contribution {
  feature: string;
  /** Its push on the log-odds: positive raises the predicted chance, negative lowers it. */
  weight: number;
}

export interface Prediction {
  probability: number;
  /** The features pushing hardest, up first (largest positive) then down, at most `top` of each. */
  up: Contribution[];
  down: Contribution[];
}

export interface ModelSettings {
  /** Below this many outcomes the model is not ready and rules behave as written. */
  minOutcomes: number;
  /** L2 penalty per step on the weights an example touches. */
  l2: number;
  /** The learning rate starts at `maxRate` and decays with the outcomes seen, never below `minRate`. */
  maxRate: number;
  minRate: number;
}

export const defaultModelSettings: ModelSettings = {
  minOutcomes: 200,
  l2: 1e-4,
  maxRate: 0.5,
  minRate: 0.05,
};

/** Weights never leave this range: one odd example cannot make a feature decide alone. */
const WEIGHT_BOUND = 8;

function sigmoid(score: number): number {
  return 1 / (1 + Math.exp(-score));
}

/**
 * P(a visitor accepts an invitation shown now), by logistic regression over hashed journey features, learned
 * online by stochastic gradient descent with L2 and a bounded, decaying learning rate. It holds weights and two
 * counts, nothing about any visitor; one update costs the few dozen features of one example.
 */
export class AcceptanceModel {
  readonly weights: Float64Array;
  outcomes: number;
  accepted: number;

  constructor(
    readonly settings: ModelSettings = defaultModelSettings,
    state?: { weights: ArrayLike<number>; outcomes: number; accepted: number },
  ) {
    this.weights = new Float64Array(FEATURE_SLOTS);
    if (state && state.weights.length === FEATURE_SLOTS) this.weights.set(state.weights);
    this.outcomes = state?.outcomes ?? 0;
    this.accepted = state?.accepted ?? 0;
  }

  /** Enough outcomes, with both answers among them, for the prediction to mean something. */
  get ready(): boolean {
    return (
      this.outcomes >= this.settings.minOutcomes && this.accepted >= 5 && this.outcomes - this.accepted >= 5
    );
  }

  score(features: readonly Feature[]): number {
    let score = 0;
    for (const feature of features) score += (this.weights[feature.index] ?? 0) * feature.value;
    return score;
  }

  probability(features: readonly Feature[]): number {
    return sigmoid(this.score(features));
  }

  /** The probability and the features behind it, for the explanation. */
  predict(features: readonly Feature[], top = 3): Prediction {
    const contributions = features
      .filter((feature) => feature.name !== 'bias')
      .map((feature) => ({
        feature: feature.name,
        weight: (this.weights[feature.index] ?? 0) * feature.value,
      }))
      .filter((contribution) => contribution.weight !== 0);
    const up = contributions
      .filter((c) => c.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, top);
    const down = contributions
      .filter((c) => c.weight < 0)
      .sort((a, b) => a.weight - b.weight)
      .slice(0, top);
    return { probability: this.probability(features), up, down };
  }

  /** The learning rate (of the score) for the next step: decays as 1/√n from `maxRate`, floored at `minRate`. */
  rate(): number {
    const { maxRate, minRate } = this.settings;
    return Math.max(minRate, maxRate / Math.sqrt(1 + this.outcomes / 100));
  }

  /**
   * One SGD step on the log-loss of this outcome, with L2 on the weights it touches. The step is divided by the
   * example's squared norm (normalised least mean squares): a journey has a score of 20-odd features that move
   * together, and without it one outcome would swing the score by 20 steps, biasing rare acceptances low.
   */
  learn(outcome: Outcome): void {
    let norm = 0;
    for (const feature of outcome.features) norm += feature.value * feature.value;
    const rate = this.rate() / Math.max(1, norm);
    const error = this.probability(outcome.features) - (outcome.accepted ? 1 : 0);
    for (const feature of outcome.features) {
      const current = this.weights[feature.index] ?? 0;
      const next = current - rate * (error * feature.value + this.settings.l2 * current);
      this.weights[feature.index] = Math.max(-WEIGHT_BOUND, Math.min(WEIGHT_BOUND, next));
    }
    this.outcomes += 1;
    if (outcome.accepted) this.accepted += 1;
  }
}
