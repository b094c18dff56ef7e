import type { RuleDayCount, Store } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';

const flushKey = 'rule-evaluations-flush';
/** Counts wait in memory at most this long before they are added to the store. */
export const evaluationFlushMs = 60_000;

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * "Evaluated" for funnel analytics without a row per evaluation: counts are summed in memory per (rule, UTC
 * day) and added to the store at most a minute later, as one upsert per (rule, day). Several nodes add up.
 */
export class EvaluationCounter {
  private readonly pending = new Map<string, RuleDayCount>();

  constructor(
    private readonly store: Store,
    private readonly deadlines: Deadlines,
  ) {}

  count(widgetId: string, ruleIds: Iterable<string>, now: number): void {
    const day = utcDay(now);
    for (const ruleId of ruleIds) {
      const key = `${ruleId}\u0000${day}`;
      const entry = this.pending.get(key);
      if (entry) entry.evaluated += 1;
      else this.pending.set(key, { ruleId, widgetId, day, evaluated: 1 });
    }
    if (this.pending.size > 0 && this.deadlines.dueAt(flushKey) === undefined) {
      this.deadlines.arm(flushKey, now + evaluationFlushMs, () => this.flush());
    }
  }

  async flush(): Promise<void> {
    this.deadlines.cancel(flushKey);
    if (this.pending.size === 0) return;
    const counts = [...this.pending.values()];
    this.pending.clear();
    await this.store.addRuleEvaluations(counts);
  }
}
