/**
 * Retention: how long each kind of personal data is kept (installation-wide, set by admins) and the purges
 * that apply it. Each purge deletes at most `limit` rows older than `before` and says how many, so a caller
 * works in bounded batches; a row is deleted once however many nodes purge at the same time.
 */

/** The kinds of data with a retention period; `null` days keeps them forever. */
export type RetentionKind =
  | 'pageViews'
  | 'events'
  | 'messages'
  | 'conversations'
  | 'audit'
  | 'webhookDeliveries';

export type RetentionSettings = Record<RetentionKind, number | null>;

export interface RetentionStore {
  /** The kinds an admin has set; the others are absent (their default applies). */
  getRetentionSettings(): Promise<Partial<RetentionSettings>>;
  setRetentionSetting(kind: RetentionKind, days: number | null, at: number): Promise<void>;
  /** Page views seen before `before`. */
  purgePageViews(before: number, limit: number): Promise<number>;
  /** Tracked events that happened before `before`. */
  purgeVisitEvents(before: number, limit: number): Promise<number>;
  /** Messages of conversations that ended before `before` (open conversations keep theirs). */
  purgeMessages(before: number, limit: number): Promise<number>;
  /**
   * Conversations that ended before `before`, with their messages, receipts, offers, wrap-ups and survey
   * ratings (open conversations stay). Counts the conversations.
   */
  purgeConversations(before: number, limit: number): Promise<number>;
  /** Invitations created before `before` (roll their days up first: `rollUpFunnelDay`). */
  purgeInvitations(before: number, limit: number): Promise<number>;
  /** When the oldest invitation created in [from, before) was created, if there is one. */
  oldestInvitationAt(from: number, before: number): Promise<number | undefined>;
  /**
   * Adds the funnel counts of the invitations created on UTC day `day` ([from, to) in ms) to `funnel_daily`,
   * once: answers false when that day was rolled up already (by this node or another).
   */
  rollUpFunnelDay(day: string, from: number, to: number, at: number): Promise<boolean>;
  /** The end (epoch ms) of the latest day rolled up, or 0: invitations before it are counted in `funnel_daily`. */
  funnelRolledThrough(): Promise<number>;
}
