import type { PageViewRow, VisitorRow } from '../../ports/store.ts';
import type { Queryable } from './connection.ts';

/**
 * $1–$6 the view, $7 the visitor's id (null: no visitor change), $8–$12 its new state. The visitor's update and
 * the view's insert in one statement, so in one transaction, as the shared path's BEGIN, UPDATE, INSERT, COMMIT.
 */
const recordSql = `
  with seen as (
    update visitors set last_seen_at = $8, visit_count = $9, visit_started_at = $10, name = $11, customer_id = $12
    where id = $7
  )
  insert into page_views (id, visitor_id, url, title, referrer, at) values ($1, $2, $3, $4, $5, $6)`;

/** Parsed once per pooled connection under this name. */
const recordStatementName = 'beckon_record_page_view_1';

/** `Store.recordPageView` on PostgreSQL in ONE round trip instead of four. */
export async function recordPageViewOnce(
  pool: Queryable,
  view: PageViewRow,
  visitor: VisitorRow | undefined,
): Promise<void> {
  await pool.query({
    name: recordStatementName,
    text: recordSql,
    values: [
      view.id,
      view.visitorId,
      view.url,
      view.title,
      view.referrer ?? null,
      view.at,
      visitor?.id ?? null,
      visitor?.lastSeenAt ?? null,
      visitor?.visitCount ?? null,
      visitor?.visitStartedAt ?? null,
      visitor?.name ?? null,
      visitor?.customerId ?? null,
    ],
  });
}
