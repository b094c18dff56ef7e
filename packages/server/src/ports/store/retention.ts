/**
 * Retention: how long each kind of personal data is kept (installation-wide, set by admins) and the purges
 * that apply it. Each purge deletes at most `limit` rows older than `before` and says how many, so a caller
 * works in bounded batches; a row is deleted once however many nodes purge at the same time.
 */

/** The kinds of data with a retention period; `null` days keeps them forever. */
export type RetentionKind = 'pageViews' | 'events' | 'messages' | 'audit';

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
}
