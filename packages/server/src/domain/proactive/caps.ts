import { defaultRuleCaps, type ExplainGate, type Rule } from '@beckon/protocol';
import type { InvitationRow } from '../../ports/store.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A control that keeps a rule (or every rule) out of the engine's input, and when time alone lifts it. */
export interface Veto {
  gate: ExplainGate;
  reason: string;
  /** Absent when only a new fact (a new page, a new visit, a closed chat) can lift it. */
  until?: number;
}

/** Where the visitor is now: the caps count from the start of the page view and of the visit. */
export interface Moment {
  now: number;
  pageStartedAt: number;
  visitStartedAt: number;
}

/**
 * The first cap of `rule` that its own past invitations exhaust, or undefined. `history` is the visitor's
 * invitations (oldest first) reaching back at least as far as `historySince` asks.
 */
export function capVeto(rule: Rule, history: readonly InvitationRow[], at: Moment): Veto | undefined {
  const caps = rule.caps ?? defaultRuleCaps;
  const own = history.filter((invitation) => invitation.ruleId === rule.id);
  if (own.length === 0) return undefined;
  if (caps.perVisitor) {
    return { gate: 'cap-visitor', reason: 'Once per visitor: this rule already invited this visitor.' };
  }
  if (caps.perVisit && own.some((invitation) => invitation.createdAt >= at.visitStartedAt)) {
    return { gate: 'cap-visit', reason: 'Once per visit: this rule already invited in this visit.' };
  }
  if (caps.perPage && own.some((invitation) => invitation.createdAt >= at.pageStartedAt)) {
    return { gate: 'cap-page', reason: 'Once per page: this rule already invited on this page view.' };
  }
  if (caps.perDay !== undefined) {
    const until = slidingWindowUntil(own, caps.perDay, DAY_MS, at.now);
    if (until !== undefined) {
      return {
        gate: 'cap-day',
        reason: `${caps.perDay} per day: this rule invited ${caps.perDay} time(s) in the last 24 hours.`,
        until,
      };
    }
  }
  return undefined;
}

/**
 * With at most `limit` events in any rolling window of `windowMs`: undefined if one more is allowed now,
 * otherwise the instant the oldest event that counts leaves the window. `events` are oldest first.
 */
export function slidingWindowUntil(
  events: readonly InvitationRow[],
  limit: number,
  windowMs: number,
  now: number,
): number | undefined {
  const inWindow = events.filter((event) => event.createdAt > now - windowMs);
  if (inWindow.length < limit) return undefined;
  // Once the oldest (length - limit) + 1 events have aged out, the count is below the limit again.
  const releasing = inWindow[inWindow.length - limit];
  return releasing && releasing.createdAt + windowMs;
}

/** How far back the history must reach for these rules' caps (the budget and back-off ask for their own). */
export function capsHistorySince(rules: readonly Rule[], at: Moment): number {
  let since = Math.min(at.visitStartedAt, at.pageStartedAt);
  for (const rule of rules) {
    const caps = rule.caps ?? defaultRuleCaps;
    if (caps.perVisitor) return 0;
    if (caps.perDay !== undefined) since = Math.min(since, at.now - DAY_MS);
  }
  return since;
}
