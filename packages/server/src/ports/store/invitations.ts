/** Proactive invitations shown to visitors, and what became of each. */

/** `held`: a holdout visitor's would-be invitation, recorded (closed at once) but never shown. */
/** `withdrawn`: the inviting agent took it back while it showed. */
export type InvitationStatus = 'shown' | 'accepted' | 'dismissed' | 'expired' | 'held' | 'withdrawn';

export interface InvitationRow {
  id: string;
  widgetId: string;
  visitorId: string;
  ruleId?: string;
  ruleName?: string;
  /** `agent`: an agent invited the visitor from the live Visitors list (or the API). */
  source: 'rule' | 'page' | 'agent';
  /** The inviting agent, for `source: 'agent'`. */
  agentId?: string;
  message: string;
  showPrechat: boolean;
  status: InvitationStatus;
  createdAt: number;
  expiresAt: number;
  closedAt?: number;
  /** The rule's A/B split side: a variant id, 'default' or 'holdout'. */
  variant?: string;
  /**
   * The rule used the acceptance model when it made this (a prediction condition or best moment, the model
   * ready, no kill switch): a smart invitation. Absent: static.
   */
  smart?: boolean;
}

export interface InvitationStore {
  /**
   * False: the visitor already has a `shown` invitation (at most one, enforced by the store across nodes), and
   * nothing was written.
   */
  createInvitation(invitation: InvitationRow): Promise<boolean>;
  getInvitation(id: string): Promise<InvitationRow | undefined>;
  /** The visitor's invitation still in state `shown`, if any. */
  findShownInvitation(visitorId: string): Promise<InvitationRow | undefined>;
  /** Conditional write: `shown` → `to`. True only for the call that made the change. */
  closeInvitation(id: string, to: Exclude<InvitationStatus, 'shown'>, at: number): Promise<boolean>;
  /**
   * The visitor's invitations created at or after `since`, oldest first (ties by id). Per-rule caps, the
   * fatigue budget and the dismissal back-off are all counted from this one list.
   */
  listInvitations(visitorId: string, since: number): Promise<InvitationRow[]>;
  /** Invitations still `shown` whose deadline is at or before `at` (deadline recovery). */
  listOverdueInvitations(at: number): Promise<InvitationRow[]>;
}
