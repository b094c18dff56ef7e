import type { Rule, WidgetFatigue } from '@beckon/protocol';
import type { InvitationRow, WidgetRow } from '../../ports/store.ts';
import { DAY_MS, type Moment, slidingWindowUntil, type Veto } from './caps.ts';
import { hoursVeto } from './hours-gate.ts';

export const WEEK_MS = 7 * DAY_MS;

/** How far back the history must reach for the fatigue budget and the dismissal back-off. */
export function fatigueHistorySince(fatigue: WidgetFatigue, at: Moment): number {
  return Math.min(at.visitStartedAt, at.now - WEEK_MS, at.now - fatigue.dismissBackoffMinutes * 60_000);
}

/**
 * The widget-wide gates, in the order of docs/rules.md: the switches, a chat or invitation in progress, the
 * back-off after a dismissal, then the fatigue budget. The first that applies vetoes every rule.
 */
export function globalVeto(
  widget: WidgetRow,
  busy: boolean,
  history: readonly InvitationRow[],
  at: Moment,
): Veto | undefined {
  if (!widget.enabled) return { gate: 'widget-disabled', reason: 'The widget is disabled.' };
  if (!widget.proactiveEnabled) {
    return { gate: 'proactive-off', reason: 'Proactive chat is off for this widget.' };
  }
  if (busy) return { gate: 'busy', reason: 'A chat is open or an invitation is showing.' };
  const closed = hoursVeto(widget, at.now);
  if (closed) return closed;
  return backoffVeto(widget.fatigue, history, at.now) ?? budgetVeto(widget.fatigue, history, at);
}

function backoffVeto(
  fatigue: WidgetFatigue,
  history: readonly InvitationRow[],
  now: number,
): Veto | undefined {
  if (fatigue.dismissBackoffMinutes === 0) return undefined;
  let lastDismissal: number | undefined;
  for (const invitation of history) {
    // Any dismissal counts, whoever asked for the invitation: the visitor said no to being interrupted.
    if (invitation.status === 'dismissed' && invitation.closedAt !== undefined) {
      lastDismissal = Math.max(lastDismissal ?? 0, invitation.closedAt);
    }
  }
  if (lastDismissal === undefined) return undefined;
  const until = lastDismissal + fatigue.dismissBackoffMinutes * 60_000;
  if (until <= now) return undefined;
  return {
    gate: 'backoff',
    reason: `Back-off: the visitor dismissed an invitation less than ${fatigue.dismissBackoffMinutes} minute(s) ago.`,
    until,
  };
}

function budgetVeto(fatigue: WidgetFatigue, history: readonly InvitationRow[], at: Moment): Veto | undefined {
  // Only rule invitations spend the budget: startProactiveChat is the page's own decision.
  const fromRules = history.filter((invitation) => invitation.source === 'rule');
  const thisVisit = fromRules.filter((invitation) => invitation.createdAt >= at.visitStartedAt).length;
  if (thisVisit >= fatigue.perVisit) {
    return {
      gate: 'budget-visit',
      reason: `Fatigue budget: ${thisVisit} of ${fatigue.perVisit} invitation(s) per visit already made.`,
    };
  }
  const until = slidingWindowUntil(fromRules, fatigue.perWeek, WEEK_MS, at.now);
  if (until !== undefined) {
    return {
      gate: 'budget-week',
      reason: `Fatigue budget: ${fatigue.perWeek} invitation(s) in the last 7 days already made.`,
      until,
    };
  }
  return undefined;
}

/**
 * "Invite only when someone can answer" (a widget setting, on by default): a rule whose target queue (its own,
 * else the widget's) has no available agent with free capacity does not invite. Only a capacity change lifts it
 * (CapacityWatch re-evaluates), so it has no `until`. `answerable` absent: capacity unknown (a typed journey).
 */
export function answerableVeto(
  widget: WidgetRow,
  rule: Rule,
  answerable: ReadonlySet<string> | undefined,
): Veto | undefined {
  if (!widget.inviteOnlyWhenAnswerable || !answerable) return undefined;
  if (answerable.has(targetQueue(widget, rule))) return undefined;
  return {
    gate: 'nobody-available',
    reason: 'Invite only when someone can answer: no agent of the queue is available with free capacity.',
  };
}

/** The queue a chat from this rule's invitation goes to. */
export function targetQueue(widget: WidgetRow, rule: Rule): string {
  return rule.queueId ?? widget.queueId;
}
