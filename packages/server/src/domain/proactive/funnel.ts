import { defaultRuleObjective, type FunnelSteps, type Rule, type RuleFunnel } from '@beckon/protocol';
import type {
  ConversationRow,
  FunnelDayCount,
  InvitationRow,
  RuleDayCount,
  TrackedEvent,
} from '../../ports/store.ts';
import { ObjectiveFacts, visitorsReaching } from './objectives.ts';
import { smartSplitOf } from './smart-split.ts';
import { median, twoProportionPValue } from './stats.ts';
import { variantReport } from './variant-report.ts';

export { chatWindowMs } from './objectives.ts';

/** Post-chat survey ratings (1–5, from chat_surveys) by conversation id: the funnel's CSAT. */
export type CsatScores = ReadonlyMap<string, number>;
export const noCsat: CsatScores = new Map();

export interface FunnelInput {
  rules: readonly Rule[];
  /** Rule invitations created in the period. */
  invitations: readonly InvitationRow[];
  /** Conversations created from the period's start to its end plus `chatWindowMs`. */
  conversations: readonly ConversationRow[];
  evaluations: readonly RuleDayCount[];
  /** Tracked events named by the rules' objectives, from the period's start to its end plus their window. */
  events?: readonly TrackedEvent[];
  /** Counts of whole UTC days whose invitations were purged (funnel_daily); none by default. */
  days?: readonly FunnelDayCount[];
  csat: CsatScores;
}

function emptySteps(): FunnelSteps {
  return {
    invited: 0,
    shown: 0,
    held: 0,
    accepted: 0,
    dismissed: 0,
    expired: 0,
    agentAccepted: 0,
    ended: 0,
    csatCount: 0,
  };
}

function stepsOf(
  invitations: readonly InvitationRow[],
  facts: ObjectiveFacts,
  csat: CsatScores,
  days: readonly FunnelDayCount[] = [],
): FunnelSteps {
  const steps = emptySteps();
  const toAccept: number[] = [];
  const scores: number[] = [];
  // Rolled-up days add their counts; the median time to accept needs each invitation, so it is of the rest.
  let rolledCsatSum = 0;
  let rolledCsatCount = 0;
  for (const d of days) {
    steps.invited += d.invited;
    steps.shown += d.shown;
    steps.held += d.held;
    steps.accepted += d.accepted;
    steps.dismissed += d.dismissed;
    steps.expired += d.expired;
    steps.agentAccepted += d.agentAccepted;
    steps.ended += d.ended;
    rolledCsatSum += d.csatSum;
    rolledCsatCount += d.csatCount;
  }
  for (const invitation of invitations) {
    steps.invited++;
    if (invitation.status === 'held') {
      steps.held++;
      continue;
    }
    steps.shown++;
    if (invitation.status === 'accepted') {
      steps.accepted++;
      if (invitation.closedAt !== undefined)
        toAccept.push((invitation.closedAt - invitation.createdAt) / 1000);
    } else if (invitation.status === 'dismissed') steps.dismissed++;
    else if (invitation.status === 'expired') steps.expired++;
    const chat = facts.chatFrom(invitation.id);
    if (chat?.acceptedAt !== undefined) steps.agentAccepted++;
    if (chat?.endedAt !== undefined) steps.ended++;
    const score = chat && csat.get(chat.id);
    if (score !== undefined) scores.push(score);
  }
  if (steps.shown > 0) steps.acceptanceRate = steps.accepted / steps.shown;
  const medianSeconds = median(toAccept);
  if (medianSeconds !== undefined) steps.medianSecondsToAccept = medianSeconds;
  steps.csatCount = scores.length + rolledCsatCount;
  if (steps.csatCount > 0)
    steps.csatAverage = (scores.reduce((sum, score) => sum + score, 0) + rolledCsatSum) / steps.csatCount;
  return steps;
}

/** Per rule (every rule of the widget, plus deleted ones still in the period's data) and per A/B side. */
export function computeFunnel(input: FunnelInput): RuleFunnel[] {
  const facts = new ObjectiveFacts(input.conversations, input.events);
  const names = new Map<string, string>(input.rules.map((rule) => [rule.id, rule.name]));
  const rules = new Map(input.rules.map((rule) => [rule.id, rule]));
  const byRule = new Map<string, InvitationRow[]>();
  for (const rule of input.rules) byRule.set(rule.id, []);
  for (const invitation of input.invitations) {
    // Preview-link invitations are the admin checking a draft, not results.
    if (invitation.source !== 'rule' || !invitation.ruleId || invitation.variant === 'preview') continue;
    if (!names.has(invitation.ruleId)) names.set(invitation.ruleId, invitation.ruleName ?? invitation.ruleId);
    const list = byRule.get(invitation.ruleId) ?? [];
    list.push(invitation);
    byRule.set(invitation.ruleId, list);
  }
  const daysByRule = new Map<string, FunnelDayCount[]>();
  for (const d of input.days ?? []) {
    if (!names.has(d.ruleId)) names.set(d.ruleId, d.ruleName ?? d.ruleId);
    if (!byRule.has(d.ruleId)) byRule.set(d.ruleId, []);
    daysByRule.set(d.ruleId, [...(daysByRule.get(d.ruleId) ?? []), d]);
  }
  const evaluated = new Map<string, number>();
  for (const count of input.evaluations) {
    evaluated.set(count.ruleId, (evaluated.get(count.ruleId) ?? 0) + count.evaluated);
    // A rule deleted since still shows what it did in the period.
    if (!byRule.has(count.ruleId)) byRule.set(count.ruleId, []);
  }
  return [...byRule].map(([ruleId, invitations]): RuleFunnel => {
    const ruleDays = daysByRule.get(ruleId) ?? [];
    const bySide = new Map<string, InvitationRow[]>();
    for (const invitation of invitations) {
      const side = invitation.variant ?? 'default';
      bySide.set(side, [...(bySide.get(side) ?? []), invitation]);
    }
    for (const d of ruleDays) if (!bySide.has(d.variant)) bySide.set(d.variant, []);
    const variants = [...bySide]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([variant, rows]) => ({
        variant,
        ...stepsOf(
          rows,
          facts,
          input.csat,
          ruleDays.filter((d) => d.variant === variant),
        ),
      }));
    const funnel: RuleFunnel = {
      ruleId,
      ruleName: names.get(ruleId) ?? ruleId,
      evaluated: evaluated.get(ruleId) ?? 0,
      total: stepsOf(invitations, facts, input.csat, ruleDays),
      variants,
      smartSplit: smartSplitOf(invitations, facts, ruleDays),
    };
    const held = invitations.filter((invitation) => invitation.status === 'held');
    if (held.length > 0) {
      // Any chat: a held visitor has no invitation to accept.
      const heldRate = visitorsReaching(held, defaultRuleObjective, facts);
      const invitedRate = visitorsReaching(
        invitations.filter((invitation) => invitation.status !== 'held'),
        defaultRuleObjective,
        facts,
      );
      funnel.holdout = {
        heldVisitors: heldRate.visitors,
        heldChatted: heldRate.reached,
        invitedVisitors: invitedRate.visitors,
        invitedChatted: invitedRate.reached,
      };
      if (heldRate.visitors > 0) funnel.holdout.heldChatRate = heldRate.reached / heldRate.visitors;
      if (invitedRate.visitors > 0)
        funnel.holdout.invitedChatRate = invitedRate.reached / invitedRate.visitors;
      const p = twoProportionPValue(
        invitedRate.reached,
        invitedRate.visitors,
        heldRate.reached,
        heldRate.visitors,
      );
      if (p !== undefined) funnel.holdout.pValue = p;
    }
    const optimisation = variantReport(rules.get(ruleId), variants, invitations, ruleDays, facts);
    if (optimisation) funnel.optimisation = optimisation;
    return funnel;
  });
}
