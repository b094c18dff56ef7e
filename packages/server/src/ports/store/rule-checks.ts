import type { InvitationRow } from './invitations.ts';
import type { RuleRow } from './rules.ts';
import type { WidgetRow } from './widgets.ts';

/** What one rule check of a visitor reads. */
export interface RuleCheckReads {
  /** Undefined: no such widget. */
  widget?: WidgetRow;
  /** The widget's rules, drafts included, ordered by id (as `listRules`). */
  rules: RuleRow[];
  /** A chat of the visitor is open or an invitation is showing to them. */
  busy: boolean;
  /** The visitor's invitations created at or after `since(widget, rules)`, oldest first (as `listInvitations`). */
  history: InvitationRow[];
}

/**
 * A rule check spans four concepts (the widget, its rules, the visitor's conversations and invitations), so it
 * has a port of its own: PostgreSQL answers it in one statement, where reading each would be a round trip.
 */
export interface RuleCheckStore {
  /**
   * The rule check's reads, each as its own method answers it. `since` works out how far back the history must
   * reach from the widget and rules as read. A store may leave `rules` and `history` empty when the check stops
   * before them: the widget missing, disabled or with proactive chat off, or the visitor busy.
   */
  readRuleCheck(
    widgetId: string,
    visitorId: string,
    since: (widget: WidgetRow, rules: readonly RuleRow[]) => number,
  ): Promise<RuleCheckReads>;
}
