/**
 * "Best moment": when a rule with this option matches, invite at the moment the model expects the highest
 * chance of acceptance within a bounded delay, instead of at the first match. The policy, with `p(t)` the
 * predicted probability at instant t for the visitor's facts as they are now (only the clock moves):
 *
 * - invite now when p(now) reaches the rule's threshold, or the delay since the first match is spent;
 * - otherwise look ahead every `stepMs` up to the end of the delay; if some later p(t) beats p(now) by more
 *   than `margin` (relative), wait until the first instant p rises above p(now) and ask again then;
 * - else invite now: this is the local maximum as far as the model can see.
 *
 * Waiting is a bet that the visitor stays; the margin and the bounded delay keep it small. Any new fact
 * (a page view, an event) re-evaluates at once, with the same first-match instant for the rest of the page view.
 */
export interface MomentPlan {
  inviteNow: boolean;
  probability: number;
  /** When waiting: the next instant to look again. */
  waitUntil?: number;
  /** When waiting: the best chance ahead, for the explanation. */
  bestAhead?: number;
}

export interface MomentPolicy {
  /** Instant the rule first matched on this page view. */
  since: number;
  maxDelayMs: number;
  /** Invite at once from this probability on (0–1); absent: only the local maximum or the delay decide. */
  threshold?: number;
  stepMs?: number;
  margin?: number;
}

export function planMoment(predictAt: (at: number) => number, now: number, policy: MomentPolicy): MomentPlan {
  const probability = predictAt(now);
  const deadline = policy.since + policy.maxDelayMs;
  if (now >= deadline || (policy.threshold !== undefined && probability >= policy.threshold)) {
    return { inviteNow: true, probability };
  }
  const step = policy.stepMs ?? 5_000;
  const margin = policy.margin ?? 0.1;
  let best = probability;
  let firstRise: number | undefined;
  for (let at = now + step; at <= deadline; at += step) {
    const ahead = predictAt(at);
    if (ahead > best) best = ahead;
    if (firstRise === undefined && ahead > probability) firstRise = at;
  }
  if (firstRise !== undefined && best > probability * (1 + margin)) {
    return { inviteNow: false, probability, waitUntil: firstRise, bestAhead: best };
  }
  return { inviteNow: true, probability };
}
