// Over 300 lines: the funnel's cases per stage, objective and holdout, on one shared fixture.
import type { RuleFunnel } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import type { ConversationRow, InvitationRow } from '../../ports/store.ts';
import { chatWindowMs, computeFunnel, noCsat } from './funnel.ts';
import { inv, T0 } from './funnel-fixtures.ts';
import { median, normalCdf, twoProportionPValue } from './stats.ts';

function chat(id: string, extra: Partial<ConversationRow>): ConversationRow {
  return {
    id,
    widgetId: 'w1',
    visitorId: 'v',
    queueId: 'q',
    status: 'waiting',
    context: {} as ConversationRow['context'],
    customer: { status: 'none', candidates: [] },
    createdAt: T0,
    lastSeq: 0,
    ...extra,
  };
}

describe('statistics', () => {
  it('normal CDF and the two-proportion z-test match textbook values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(twoProportionPValue(60, 100, 40, 100)).toBeCloseTo(0.00468, 4);
    expect(twoProportionPValue(50, 100, 50, 100)).toBeCloseTo(1, 6);
    expect(twoProportionPValue(0, 10, 0, 10)).toBe(1);
    expect(twoProportionPValue(1, 0, 1, 10)).toBeUndefined();
    expect([median([]), median([3, 1, 2]), median([4, 1, 3, 2])]).toEqual([undefined, 2, 2.5]);
  });
});

describe('computeFunnel', () => {
  it('counts every step per rule and per A/B side, with acceptance rate and time to accept', () => {
    const invitations = [
      inv('i1', { variant: 'A', status: 'accepted', closedAt: T0 + 4000, visitorId: 'a1' }),
      inv('i2', { variant: 'A', status: 'dismissed', closedAt: T0 + 1000, visitorId: 'a2' }),
      inv('i3', { variant: 'B', status: 'accepted', closedAt: T0 + 10_000, visitorId: 'b1' }),
      inv('i4', { variant: 'B', status: 'expired', visitorId: 'b2' }),
      inv('i5', { variant: 'holdout', status: 'held', visitorId: 'h1' }),
      inv('i6', { variant: 'holdout', status: 'held', visitorId: 'h2' }),
      inv('p1', { source: 'page', ruleId: undefined, visitorId: 'p' }),
    ];
    const conversations = [
      chat('c1', { invitationId: 'i1', visitorId: 'a1', acceptedAt: T0 + 5000, endedAt: T0 + 9000 }),
      chat('c3', { invitationId: 'i3', visitorId: 'b1', acceptedAt: T0 + 12_000 }),
      // A holdout visitor who chatted by themselves within the window, and one too late.
      chat('c5', { visitorId: 'h1', createdAt: T0 + 60_000 }),
      chat('c6', { visitorId: 'h2', createdAt: T0 + chatWindowMs }),
    ];
    const [funnel] = computeFunnel({
      rules: [
        {
          id: 'r1',
          widgetId: 'w1',
          name: 'Rule one',
          enabled: true,
          priority: 1,
          updatedAt: 0,
          showPrechat: false,
          conditions: { type: 'all', conditions: [] },
          message: { text: 'Hi' },
        },
      ],
      invitations,
      conversations,
      evaluations: [
        { ruleId: 'r1', widgetId: 'w1', day: '2026-11-24', evaluated: 40 },
        { ruleId: 'r1', widgetId: 'w1', day: '2026-11-25', evaluated: 2 },
      ],
      csat: new Map([['c1', 5]]),
    });
    expect(funnel).toMatchObject({
      ruleId: 'r1',
      evaluated: 42,
      total: {
        invited: 6,
        shown: 4,
        held: 2,
        accepted: 2,
        dismissed: 1,
        expired: 1,
        agentAccepted: 2,
        ended: 1,
        acceptanceRate: 0.5,
        medianSecondsToAccept: 7,
        csatAverage: 5,
        csatCount: 1,
      },
    });
    expect(funnel!.variants.map((v) => [v.variant, v.invited, v.shown, v.accepted])).toEqual([
      ['A', 2, 2, 1],
      ['B', 2, 2, 1],
      ['holdout', 2, 0, 0],
    ]);
    expect(funnel!.holdout).toMatchObject({
      heldVisitors: 2,
      heldChatted: 1,
      invitedVisitors: 4,
      invitedChatted: 2,
      heldChatRate: 0.5,
      invitedChatRate: 0.5,
    });
    expect(funnel!.holdout!.pValue).toBeCloseTo(1, 6);
  });

  it('lists rules with no invitations, and no holdout block without held invitations', () => {
    const rule = {
      id: 'r2',
      widgetId: 'w1',
      name: 'Quiet',
      enabled: true,
      priority: 1,
      updatedAt: 0,
      showPrechat: false,
      conditions: { type: 'all' as const, conditions: [] },
      message: { text: 'x' },
    };
    const [funnel] = computeFunnel({
      rules: [rule],
      invitations: [],
      conversations: [],
      evaluations: [],
      csat: noCsat,
    });
    expect(funnel).toEqual({
      ruleId: 'r2',
      ruleName: 'Quiet',
      evaluated: 0,
      total: {
        invited: 0,
        shown: 0,
        held: 0,
        accepted: 0,
        dismissed: 0,
        expired: 0,
        agentAccepted: 0,
        ended: 0,
        csatCount: 0,
      },
      variants: [],
      smartSplit: {
        smart: { shown: 0, accepted: 0, dismissed: 0, expired: 0, chats: 0 },
        static: { shown: 0, accepted: 0, dismissed: 0, expired: 0, chats: 0 },
      },
    });
  });

  it('keeps a deleted rule that was evaluated in the period', () => {
    const funnels = computeFunnel({
      rules: [],
      invitations: [],
      conversations: [],
      evaluations: [{ ruleId: 'gone', widgetId: 'w1', day: '2026-11-24', evaluated: 3 }],
      csat: noCsat,
    });
    expect(funnels.map((funnel) => [funnel.ruleId, funnel.ruleName, funnel.evaluated])).toEqual([
      ['gone', 'gone', 3],
    ]);
  });
});

describe('the variants report', () => {
  const rule = {
    id: 'r1',
    widgetId: 'w1',
    name: 'Rule one',
    enabled: true,
    priority: 1,
    updatedAt: 0,
    showPrechat: false,
    conditions: { type: 'all' as const, conditions: [] },
    message: { text: 'Hi' },
    split: {
      holdoutPercent: 10,
      optimise: true,
      variants: [
        { id: 'A', weight: 1, message: { text: 'A' } },
        { id: 'B', weight: 1, message: { text: 'B' } },
      ],
    },
  };
  const day = 86_400_000;

  it('gives each variant its posterior and chance to be best, the shown per day, and the holdout uplift', () => {
    const invitations: InvitationRow[] = [];
    // Variant A: 20 shown on day 1, 5 accepted; variant B: 10 on day 1 and 30 on day 2, 20 accepted.
    for (let i = 0; i < 20; i++)
      invitations.push(inv(`a${i}`, { variant: 'A', status: i < 5 ? 'accepted' : 'dismissed' }));
    for (let i = 0; i < 40; i++)
      invitations.push(
        inv(`b${i}`, {
          variant: 'B',
          status: i < 20 ? 'accepted' : 'expired',
          createdAt: T0 + (i < 10 ? 0 : day),
        }),
      );
    for (let i = 0; i < 10; i++) invitations.push(inv(`h${i}`, { variant: 'holdout', status: 'held' }));
    // Invited visitors who chatted: the 25 who accepted; held visitors: 1 of 10.
    const conversations = invitations
      .filter((i) => i.status === 'accepted')
      .map((i) =>
        chat(`c_${i.id}`, { invitationId: i.id, visitorId: i.visitorId, createdAt: i.createdAt + 1000 }),
      );
    conversations.push(chat('c_h0', { visitorId: 'v_h0', createdAt: T0 + 1000 }));
    const [funnel] = computeFunnel({
      rules: [rule],
      invitations,
      conversations,
      evaluations: [],
      csat: noCsat,
    });
    const report = funnel?.optimisation;
    expect(report?.optimising).toBe(true);
    expect(report?.objective).toEqual({ kind: 'accepted' });
    const [a, b] = report!.variants;
    expect(a).toMatchObject({ variant: 'A', shown: 20, accepted: 5, reached: 5 });
    expect(a!.mean).toBeCloseTo(6 / 22, 6);
    expect(b!.mean).toBeCloseTo(21 / 42, 6);
    for (const v of [a!, b!]) {
      expect(v.low).toBeLessThan(v.mean);
      expect(v.high).toBeGreaterThan(v.mean);
    }
    expect(a!.probabilityBest + b!.probabilityBest).toBeCloseTo(1, 6);
    expect(b!.probabilityBest).toBeGreaterThan(0.95);
    expect(report!.shownByDay).toEqual([
      { day: '2026-11-24', shown: { A: 20, B: 10 } },
      { day: '2026-11-25', shown: { B: 30 } },
    ]);
    // 25 of 60 invited visitors chatted against 1 of 10 held: about 32 points more.
    expect(report!.uplift!.difference).toBeCloseTo(26 / 62 - 2 / 12, 6);
    expect(report!.uplift).toMatchObject({
      invitedVisitors: 60,
      invitedReached: 25,
      heldVisitors: 10,
      heldReached: 1,
    });
    // With ten held visitors the interval is wide: it still takes in no uplift at all.
    expect(report!.uplift!.low).toBeLessThan(0);
    expect(report!.uplift!.high).toBeGreaterThan(report!.uplift!.difference);
  });

  /** The uplift's counts: [reached, visitors] of the invited and of the held. */
  const expectUplift = (
    report: NonNullable<RuleFunnel['optimisation']>,
    [invitedReached, invitedVisitors]: [number, number],
    [heldReached, heldVisitors]: [number, number],
  ) => expect(report.uplift).toMatchObject({ invitedReached, invitedVisitors, heldReached, heldVisitors });

  it('counts the chat objective: chats an agent answered, against held visitors whose chat was answered', () => {
    const invitations = [
      inv('a1', { variant: 'A', status: 'accepted' }),
      inv('a2', { variant: 'A', status: 'accepted' }),
      inv('b1', { variant: 'B', status: 'accepted' }),
      inv('b2', { variant: 'B', status: 'dismissed' }),
      inv('h1', { variant: 'holdout', status: 'held' }),
      inv('h2', { variant: 'holdout', status: 'held' }),
    ];
    const conversations = [
      // a1's chat was answered, a2's was not; b1's was.
      chat('c1', { invitationId: 'a1', visitorId: 'v_a1', createdAt: T0 + 10, acceptedAt: T0 + 20 }),
      chat('c2', { invitationId: 'a2', visitorId: 'v_a2', createdAt: T0 + 10 }),
      chat('c3', { invitationId: 'b1', visitorId: 'v_b1', createdAt: T0 + 10, acceptedAt: T0 + 20 }),
      // A held visitor's own chat, answered; the other held visitor's chat, never answered.
      chat('c4', { visitorId: 'v_h1', createdAt: T0 + 10, acceptedAt: T0 + 20 }),
      chat('c5', { visitorId: 'v_h2', createdAt: T0 + 10 }),
    ];
    const [funnel] = computeFunnel({
      rules: [{ ...rule, split: { ...rule.split!, objective: { kind: 'chat' } } }],
      invitations,
      conversations,
      evaluations: [],
      csat: noCsat,
    });
    const report = funnel!.optimisation!;
    expect(report.objective).toEqual({ kind: 'chat' });
    expect(report.variants.map((v) => [v.variant, v.shown, v.accepted, v.reached])).toEqual([
      ['A', 2, 2, 1],
      ['B', 2, 1, 1],
    ]);
    expect(report.variants[0]!.mean).toBeCloseTo(2 / 4, 6);
    expectUplift(report, [2, 4], [1, 2]);
    expect(report.uplift!.difference).toBeCloseTo(3 / 6 - 2 / 4, 6);
    // The holdout block stays the chat rate: any chat, answered or not.
    expect(funnel!.holdout).toMatchObject({ heldChatted: 2, invitedChatted: 3 });
  });

  it('counts an event objective within its window after the invitation, for variants and the holdout', () => {
    const hour = 3_600_000;
    const invitations = [
      inv('a1', { variant: 'A', status: 'dismissed' }),
      inv('a2', { variant: 'A', status: 'accepted' }),
      inv('b1', { variant: 'B', status: 'dismissed' }),
      inv('h1', { variant: 'holdout', status: 'held' }),
      inv('h2', { variant: 'holdout', status: 'held' }),
    ];
    const event = (visitorId: string, name: string, at: number) => ({ visitorId, name, at });
    const [funnel] = computeFunnel({
      rules: [
        {
          ...rule,
          split: { ...rule.split!, objective: { kind: 'event', event: 'purchase', windowHours: 2 } },
        },
      ],
      invitations,
      conversations: [],
      events: [
        // a1 buys within two hours without accepting; a2 buys too late; b1 tracks another event.
        event('v_a1', 'purchase', T0 + hour),
        event('v_a2', 'purchase', T0 + 2 * hour),
        event('v_b1', 'signup', T0 + 1),
        // A held visitor buys: the holdout converts too.
        event('v_h1', 'purchase', T0 + 5),
        // A purchase before the invitation is not a conversion of it.
        event('v_b1', 'purchase', T0 - 1),
      ],
      evaluations: [],
      csat: noCsat,
    });
    const report = funnel!.optimisation!;
    expect(report.variants.map((v) => [v.variant, v.shown, v.accepted, v.reached])).toEqual([
      ['A', 2, 1, 1],
      ['B', 1, 0, 0],
    ]);
    expectUplift(report, [1, 3], [1, 2]);
    expect(report.uplift!.difference).toBeCloseTo(2 / 5 - 2 / 4, 6);
  });

  it('is absent with fewer than two variants', () => {
    const [funnel] = computeFunnel({
      rules: [{ ...rule, split: undefined }],
      invitations: [inv('i1', {}), inv('i2', { status: 'accepted' })],
      conversations: [],
      evaluations: [],
      csat: noCsat,
    });
    expect(funnel?.optimisation).toBeUndefined();
  });
});
