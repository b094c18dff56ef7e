import type { Rule } from '@beckon/protocol';
import { FakeClock } from '@beckon/test-kit';
import { describe, expect, it } from 'vitest';
import type { InvitationRow } from '../../ports/store.ts';
import { armCounts, VariantOptimiser } from './variant-optimiser.ts';

const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);

function invitation(ruleId: string, variant: string, status: InvitationRow['status']): InvitationRow {
  return {
    id: `inv_${Math.random()}`,
    widgetId: 'w1',
    visitorId: 'v1',
    ruleId,
    ruleName: ruleId,
    source: 'rule',
    message: 'hi',
    showPrechat: false,
    status,
    variant,
    createdAt: T0,
    expiresAt: T0 + 60_000,
  };
}

const rule = {
  id: 'r1',
  split: {
    holdoutPercent: 0,
    optimise: true,
    variants: ['A', 'B'].map((id) => ({ id, message: { text: id }, weight: 1 })),
  },
} as unknown as Rule;

describe('the variant optimiser', () => {
  it('counts shown and accepted per rule and variant, leaving out the holdout, held and preview ones', () => {
    const counts = armCounts([
      invitation('r1', 'A', 'accepted'),
      invitation('r1', 'A', 'dismissed'),
      invitation('r1', 'B', 'expired'),
      invitation('r1', 'holdout', 'held'),
      invitation('r1', 'preview', 'accepted'),
      invitation('r2', 'A', 'accepted'),
    ]);
    expect([...(counts.get('r1')?.values() ?? [])]).toEqual([
      { variantId: 'A', shown: 2, successes: 1 },
      { variantId: 'B', shown: 1, successes: 0 },
    ]);
    expect(counts.get('r2')?.get('A')).toEqual({ variantId: 'A', shown: 1, successes: 1 });
  });

  it('reads the counts at most once a minute, on the clock, and learns which variant is accepted', async () => {
    const clock = new FakeClock(T0);
    const stored: InvitationRow[] = [];
    let reads = 0;
    const optimiser = new VariantOptimiser(
      {
        listWidgetInvitations: async () => {
          reads += 1;
          return stored;
        },
      },
      clock,
    );
    await optimiser.prepare('w1', [rule]);
    await optimiser.prepare('w1', [rule]);
    expect(reads).toBe(1);
    for (let i = 0; i < 400; i += 1) {
      stored.push(invitation('r1', 'A', i % 4 === 0 ? 'accepted' : 'dismissed'));
      stored.push(invitation('r1', 'B', i % 20 === 0 ? 'accepted' : 'dismissed'));
    }
    clock.advance(59_000);
    await optimiser.prepare('w1', [rule]);
    expect(reads).toBe(1);
    clock.advance(1_000);
    await optimiser.prepare('w1', [rule]);
    expect(reads).toBe(2);
    const picks = Array.from({ length: 200 }, () => optimiser.pick('w1', rule));
    // A is accepted 25 % of the time, B 5 %: after 800 invitations nearly every pick is A.
    expect(picks.filter((id) => id === 'A').length).toBeGreaterThan(190);
  });

  it('reads nothing for widgets whose rules do not optimise', async () => {
    let reads = 0;
    const optimiser = new VariantOptimiser(
      {
        listWidgetInvitations: async () => {
          reads += 1;
          return [];
        },
      },
      new FakeClock(T0),
    );
    await optimiser.prepare('w1', [{ ...rule, split: { ...rule.split!, optimise: false } } as Rule]);
    expect(reads).toBe(0);
  });
});
