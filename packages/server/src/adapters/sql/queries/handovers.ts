import type { HandoverRow, HandoverStore } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Chat-window handovers: single use because taking one is the delete that removed its row. */
export class SqlHandovers implements HandoverStore {
  constructor(private readonly db: Db) {}

  async createHandover(handover: HandoverRow, now: number): Promise<void> {
    await this.db.deleteFrom('visitor_handovers').where('expires_at', '<', now).execute();
    await this.db
      .insertInto('visitor_handovers')
      .values({
        token_hash: handover.tokenHash,
        visitor_id: handover.visitorId,
        widget_id: handover.widgetId,
        origin: handover.origin,
        expires_at: handover.expiresAt,
      })
      .execute();
  }

  async takeHandover(tokenHash: string): Promise<HandoverRow | undefined> {
    const row = await this.db
      .deleteFrom('visitor_handovers')
      .where('token_hash', '=', tokenHash)
      .returningAll()
      .executeTakeFirst();
    return (
      row && {
        tokenHash: row.token_hash,
        visitorId: row.visitor_id,
        widgetId: row.widget_id,
        origin: row.origin,
        expiresAt: toNumber(row.expires_at),
      }
    );
  }
}
