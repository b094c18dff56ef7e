import type { Rule } from '@beckon/protocol';
import { FakeClock } from '@beckon/test-kit';
import { describe, expect, it } from 'vitest';
import type { ConversationRow, InvitationRow } from '../../ports/store.ts';
import { ObjectiveFacts } from './objectives.ts';
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
    const counts = armCounts(
      [rule, { ...rule, id: 'r2' }],
      [
        invitation('r1', 'A', 'accepted'),
        invitation('r1', 'A', 'dismissed'),
        invitation('r1', 'B', 'expired'),
        invitation('r1', 'holdout', 'held'),
        invitation('r1', 'preview', 'accepted'),
        invitation('r2', 'A', 'accepted'),
        invitation('r3', 'A', 'accepted'),
      ],
      new ObjectiveFacts([]),
      T0,
    );
    expect([...(counts.get('r1')?.values() ?? [])]).toEqual([
      { variantId: 'A', shown: 2, successes: 1 },
      { variantId: 'B', shown: 1, successes: 0 },
    ]);
    expect(counts.get('r2')?.get('A')).toEqual({ variantId: 'A', shown: 1, successes: 1 });
    // Rules that do not optimise are not counted.
    expect(counts.has('r3')).toBe(false);
  });

  it('counts chats an agent answered for the chat objective', () => {
    const chatRule = { ...rule, split: { ...rule.split!, objective: { kind: 'chat' } } } as Rule;
    const rows = [invitation('r1', 'A', 'accepted'), invitation('r1', 'A', 'accepted')];
    const conversation = (invitationId: string, acceptedAt?: number) =>
      ({
        id: `c_${invitationId}`,
        invitationId,
        visitorId: 'v1',
        createdAt: T0,
        acceptedAt,
      }) as ConversationRow;
    const counts = armCounts(
      [chatRule],
      rows,
      new ObjectiveFacts([conversation(rows[0]!.id, T0 + 5), conversation(rows[1]!.id)]),
      T0,
    );
    expect(counts.get('r1')?.get('A')).toEqual({ variantId: 'A', shown: 2, successes: 1 });
  });

  it('counts an event objective once the window has closed, so a fresh invitation is no failure', () => {
    const hour = 3_600_000;
    const eventRule = {
      ...rule,
      split: { ...rule.split!, objective: { kind: 'event', event: 'purchase', windowHours: 24 } },
    } as Rule;
    const old = { ...invitation('r1', 'A', 'dismissed'), visitorId: 'buyer', createdAt: T0 - 30 * hour };
    const lost = { ...invitation('r1', 'A', 'dismissed'), visitorId: 'browser', createdAt: T0 - 25 * hour };
    const fresh = { ...invitation('r1', 'A', 'dismissed'), visitorId: 'fresh', createdAt: T0 - hour };
    const facts = new ObjectiveFacts([], [{ visitorId: 'buyer', name: 'purchase', at: T0 - 29 * hour }]);
    expect(armCounts([eventRule], [old, lost, fresh], facts, T0).get('r1')?.get('A')).toEqual({
      variantId: 'A',
      shown: 2,
      successes: 1,
    });
  });

  it('reads conversations and events only for the objectives that need them', async () => {
    const reads: string[] = [];
    const read = (what: string) => {
      reads.push(what);
      return Promise.resolve([]);
    };
    const store = {
      listWidgetInvitations: () => read('invitations'),
      listWidgetConversations: () => read('conversations'),
      listWidgetEvents: (_widgetId: string, names: readonly string[]) => read(`events ${names.join()}`),
    };
    const clock = new FakeClock(T0);
    const withObjective = (id: string, objective: unknown) =>
      ({ ...rule, id, split: { ...rule.split!, objective } }) as Rule;
    await new VariantOptimiser(store, clock).prepare('w1', [rule]);
    expect(reads).toEqual(['invitations']);
    reads.length = 0;
    await new VariantOptimiser(store, clock).prepare('w1', [
      withObjective('r1', { kind: 'chat' }),
      withObjective('r2', { kind: 'event', event: 'purchase', windowHours: 24 }),
    ]);
    expect(reads.sort()).toEqual(['conversations', 'events purchase', 'invitations']);
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
        listWidgetConversations: async () => [],
        listWidgetEvents: async () => [],
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
        listWidgetConversations: async () => [],
        listWidgetEvents: async () => [],
      },
      new FakeClock(T0),
    );
    await optimiser.prepare('w1', [{ ...rule, split: { ...rule.split!, optimise: false } } as Rule]);
    expect(reads).toBe(0);
  });
});
