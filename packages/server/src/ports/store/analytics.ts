import type { ConversationRow } from './conversations.ts';
import type { InvitationRow, InvitationStatus } from './invitations.ts';

/** Analytics: rule evaluation counts per day, the proactive funnel of a widget, invitations by status. */

export interface RuleDayCount {
  ruleId: string;
  widgetId: string;
  day: string;
  evaluated: number;
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
  /** Invitations created at or after `since`, counted by their current status (the supervisor's view). */
  countInvitationsByStatus(since: number): Promise<Record<InvitationStatus, number>>;
}
