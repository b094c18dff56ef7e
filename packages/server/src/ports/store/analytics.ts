import type { ConversationRow } from './conversations.ts';
import type { InvitationRow, InvitationStatus } from './invitations.ts';

/** Analytics: rule evaluation counts per day, the proactive funnel of a widget, invitations by status. */

export interface RuleDayCount {
  ruleId: string;
  widgetId: string;
  day: string;
  evaluated: number;
}

/** The funnel counts of one UTC day, rule and A/B side, rolled up before the invitations were purged. */
export interface FunnelDayCount {
  day: string;
  widgetId: string;
  ruleId: string;
  /** The rule's name when its invitations were made. */
  ruleName?: string;
  /** The A/B side ('default' without a split). */
  variant: string;
  invited: number;
  shown: number;
  held: number;
  accepted: number;
  dismissed: number;
  expired: number;
  agentAccepted: number;
  ended: number;
  csatCount: number;
  csatSum: number;
  /** The part of these counts made by smart invitations (InvitationRow.smart); the static part is the rest. */
  smart: SmartCounts;
}

/** Counts of shown invitations by outcome, and the chats an agent took from them. */
export interface SmartCounts {
  shown: number;
  accepted: number;
  dismissed: number;
  expired: number;
  agentAccepted: number;
}

/** One tracked event, as far as an objective needs it: who, what and when. */
export interface TrackedEvent {
  visitorId: string;
  name: string;
  at: number;
}

export interface AnalyticsStore {
  /** Adds evaluation counts to the per-rule, per-UTC-day totals (`day` is `YYYY-MM-DD`). */
  addRuleEvaluations(counts: readonly RuleDayCount[]): Promise<void>;
  /** Per-rule, per-day totals of the widget for days in [fromDay, toDay] (inclusive). */
  listRuleEvaluations(widgetId: string, fromDay: string, toDay: string): Promise<RuleDayCount[]>;
  /** Invitations of the widget created in [from, to), oldest first (funnel). */
  listWidgetInvitations(widgetId: string, from: number, to: number): Promise<InvitationRow[]>;
  /** Conversations of the widget created in [from, to), oldest first (funnel). */
  listWidgetConversations(widgetId: string, from: number, to: number): Promise<ConversationRow[]>;
  /**
   * `Beckon.track()` events of the widget's visitors named one of `names`, tracked in [from, to), oldest first:
   * the conversions of an optimised rule whose objective is an event.
   */
  listWidgetEvents(
    widgetId: string,
    names: readonly string[],
    from: number,
    to: number,
  ): Promise<TrackedEvent[]>;
  /** Rolled-up funnel counts of the widget for days in [fromDay, toDay] (inclusive). */
  listFunnelDays(widgetId: string, fromDay: string, toDay: string): Promise<FunnelDayCount[]>;
  /** Invitations created at or after `since`, counted by their current status (the supervisor's view). */
  countInvitationsByStatus(since: number): Promise<Record<InvitationStatus, number>>;
}
