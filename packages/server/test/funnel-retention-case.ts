import type { Funnel } from '@beckon/protocol';
import { FakeClock } from '@beckon/test-kit';
import { RetentionPolicy } from '../src/domain/privacy/retention-policy.ts';
import { FunnelAnalytics } from '../src/domain/proactive/funnel-analytics.ts';
import type { AuditTrail } from '../src/ports/audit-trail.ts';
import type { Store } from '../src/ports/store.ts';
import { assign, invitation, seedConversation, seedVisitor } from '../src/ports/store-contract/fixtures.ts';

const day = 86_400_000;
/** Midnight UTC, 2026-03-02: two days of proactive history on the 2nd and the 3rd. */
export const funnelHistoryStart = Date.UTC(2026, 2, 2);

type Outcome = 'accepted' | 'dismissed' | 'expired' | 'held';

/**
 * Two days of a rule's invitations on both A/B sides and the holdout, with the chats they led to (assigned,
 * ended, rated), a page invitation and a preview-link one (the funnel leaves both out), on the store.
 */
export async function seedFunnelHistory(store: Store): Promise<void> {
  let n = 0;
  const add = async (at: number, variant: string, outcome: Outcome, chat?: { rating?: number }) => {
    n++;
    const visitorId = `vis_f${n}`;
    await seedVisitor(store, { id: visitorId, createdAt: at });
    const id = `inv_f${n}`;
    await store.createInvitation(
      invitation({
        id,
        visitorId,
        source: 'rule',
        ruleId: 'rul_f',
        ruleName: 'Pricing help',
        variant,
        createdAt: at,
        // Side b's invitations are smart, so the roll-up must keep the smart and static split apart.
        ...(variant === 'b' && { smart: true }),
      }),
    );
    if (outcome === 'held') await store.closeInvitation(id, 'held', at);
    else await store.closeInvitation(id, outcome, at + 5_000 * n);
    if (!chat) return;
    const conversationId = `cnv_f${n}`;
    await seedConversation(store, { id: conversationId, visitorId, invitationId: id, createdAt: at + 6_000 });
    await assign(store, conversationId, 'usr_f', at + 20_000);
    await store.endConversation(conversationId, at + 600_000);
    if (chat.rating !== undefined)
      await store.saveChatSurvey({ conversationId, rating: chat.rating, createdAt: at + 700_000 });
  };
  for (const [offset, d] of [
    [0, funnelHistoryStart + 9 * 3_600_000],
    [1, funnelHistoryStart + day + 15 * 3_600_000],
  ] as const) {
    await add(d, 'a', 'accepted', { rating: 5 - offset });
    await add(d + 60_000, 'a', 'dismissed');
    await add(d + 120_000, 'b', 'accepted', { rating: 3 });
    await add(d + 180_000, 'b', 'accepted', {});
    await add(d + 240_000, 'b', 'expired');
    await add(d + 300_000, 'holdout', 'held');
  }
  await seedVisitor(store, { id: 'vis_fpage' });
  await store.createInvitation(
    invitation({ id: 'inv_fpage', visitorId: 'vis_fpage', createdAt: funnelHistoryStart + 3_600_000 }),
  );
  await store.createInvitation(
    invitation({
      id: 'inv_fpreview',
      visitorId: 'vis_fpage',
      source: 'rule',
      ruleId: 'rul_f',
      variant: 'preview',
      createdAt: funnelHistoryStart + 3_700_000,
    }),
  );
}

/** The funnel's counts (its medians need each invitation, and the holdout each visitor: left out here). */
export function funnelCounts(funnel: Funnel): unknown {
  const counts = ({ medianSecondsToAccept: _m, ...steps }: Funnel['rules'][number]['total']) => steps;
  return funnel.rules.map((rule) => ({
    ruleId: rule.ruleId,
    ruleName: rule.ruleName,
    total: counts(rule.total),
    variants: rule.variants.map((variant) => counts(variant)),
    smartSplit: rule.smartSplit,
  }));
}

/**
 * The funnel of the seeded history over its two days, by day and together, before and after a conversations
 * retention purge on a fake clock 40 days later with a 30-day period; and what was left of the detail.
 */
export async function funnelAcrossPurge(store: Store) {
  await seedFunnelHistory(store);
  const clock = new FakeClock(funnelHistoryStart + 40 * day);
  const audit: AuditTrail = { record: async () => {}, list: async () => [] };
  const analytics = new FunnelAnalytics(store, { flush: async () => {} });
  const retention = new RetentionPolicy(store, clock, audit);
  const periods = [
    { from: funnelHistoryStart, to: funnelHistoryStart + day },
    { from: funnelHistoryStart + day, to: funnelHistoryStart + 2 * day },
    { from: funnelHistoryStart - 7 * day, to: funnelHistoryStart + 30 * day },
  ];
  const figures = async () =>
    Promise.all(periods.map(async (period) => funnelCounts(await analytics.funnel('wgt_1', period))));
  const before = await figures();
  await retention.update('usr_admin', { ...(await retention.settings()), conversations: 30 });
  const purged = await retention.purge();
  const after = await figures();
  const left = {
    invitations: await store.listWidgetInvitations('wgt_1', 0, clock.now()),
    conversations: await store.listWidgetConversations('wgt_1', 0, clock.now()),
  };
  // A second run finds nothing more to roll up or purge.
  const again = await retention.purge();
  return { before, after, purged, again, left };
}
