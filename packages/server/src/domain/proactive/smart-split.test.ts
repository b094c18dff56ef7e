import { describe, expect, it } from 'vitest';
import type { ConversationRow, FunnelDayCount } from '../../ports/store.ts';
import { inv, T0 } from './funnel-fixtures.ts';
import { ObjectiveFacts } from './objectives.ts';
import { smartSplitOf, sumSmartSplits } from './smart-split.ts';

function chatFrom(invitationId: string, acceptedAt?: number): ConversationRow {
  return {
    id: `c_${invitationId}`,
    widgetId: 'w1',
    visitorId: `v_${invitationId}`,
    queueId: 'q',
    status: 'active',
    invitationId,
    context: {} as ConversationRow['context'],
    customer: { status: 'none', candidates: [] },
    createdAt: T0 + 1_000,
    lastSeq: 0,
    ...(acceptedAt === undefined ? {} : { acceptedAt }),
  };
}

function day(extra: Partial<FunnelDayCount>): FunnelDayCount {
  return {
    day: '2026-11-01',
    widgetId: 'w1',
    ruleId: 'r1',
    variant: 'default',
    invited: 0,
    shown: 0,
    held: 0,
    accepted: 0,
    dismissed: 0,
    expired: 0,
    agentAccepted: 0,
    ended: 0,
    csatCount: 0,
    csatSum: 0,
    smart: { shown: 0, accepted: 0, dismissed: 0, expired: 0, agentAccepted: 0 },
    ...extra,
  };
}

describe('smart against static invitations', () => {
  it('splits shown invitations by how they were made, with each side’s outcomes, chats and rate', () => {
    const invitations = [
      inv('s1', { smart: true, status: 'accepted', closedAt: T0 + 900 }),
      inv('s2', { smart: true, status: 'accepted', closedAt: T0 + 900 }),
      inv('s3', { smart: true, status: 'dismissed' }),
      inv('p1', { status: 'accepted', closedAt: T0 + 900 }),
      inv('p2', { status: 'expired' }),
      inv('p3', { status: 'dismissed' }),
      inv('p4', {}),
      // Never shown: in neither side.
      inv('h1', { smart: true, status: 'held', variant: 'holdout' }),
    ];
    const facts = new ObjectiveFacts([
      chatFrom('s1', T0 + 5_000),
      chatFrom('s2'),
      chatFrom('p1', T0 + 3_000),
    ]);
    expect(smartSplitOf(invitations, facts)).toEqual({
      smart: { shown: 3, accepted: 2, dismissed: 1, expired: 0, chats: 1, acceptanceRate: 2 / 3 },
      static: { shown: 4, accepted: 1, dismissed: 1, expired: 1, chats: 1, acceptanceRate: 1 / 4 },
    });
  });

  it('leaves the rate out of a side that showed nothing', () => {
    const split = smartSplitOf([inv('p1', { status: 'dismissed' })], new ObjectiveFacts([]));
    expect(split.smart).toEqual({ shown: 0, accepted: 0, dismissed: 0, expired: 0, chats: 0 });
    expect(split.static.acceptanceRate).toBe(0);
  });

  it('adds rolled-up days: their smart part as stored, the static part the rest of the day’s counts', () => {
    const rolled = day({
      shown: 10,
      accepted: 4,
      dismissed: 5,
      expired: 1,
      agentAccepted: 3,
      held: 2,
      smart: { shown: 6, accepted: 3, dismissed: 3, expired: 0, agentAccepted: 2 },
    });
    const split = smartSplitOf([inv('s1', { smart: true, status: 'accepted' })], new ObjectiveFacts([]), [
      rolled,
    ]);
    expect(split).toEqual({
      smart: { shown: 7, accepted: 4, dismissed: 3, expired: 0, chats: 2, acceptanceRate: 4 / 7 },
      static: { shown: 4, accepted: 1, dismissed: 2, expired: 1, chats: 1, acceptanceRate: 1 / 4 },
    });
  });

  it('adds rules up for the whole widget, the rate recomputed from the sums', () => {
    const facts = new ObjectiveFacts([]);
    const one = smartSplitOf([inv('a', { smart: true, status: 'accepted' }), inv('b', {})], facts);
    const two = smartSplitOf(
      [inv('c', { smart: true, status: 'dismissed' }), inv('d', { status: 'accepted' })],
      facts,
    );
    expect(sumSmartSplits([one, two])).toEqual({
      smart: { shown: 2, accepted: 1, dismissed: 1, expired: 0, chats: 0, acceptanceRate: 0.5 },
      static: { shown: 2, accepted: 1, dismissed: 0, expired: 0, chats: 0, acceptanceRate: 0.5 },
    });
    expect(sumSmartSplits([]).smart.acceptanceRate).toBeUndefined();
  });
});
