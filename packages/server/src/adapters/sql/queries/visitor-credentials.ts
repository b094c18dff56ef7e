import type { VisitorCredentialStore } from '../../../ports/store.ts';
import type { Db } from '../schema.ts';

/** Visitors' secret hashes: the first one stored for a visitor stays. */
export class SqlVisitorCredentials implements VisitorCredentialStore {
  constructor(private readonly db: Db) {}

  async setVisitorSecretHash(visitorId: string, secretHash: string, at: number): Promise<boolean> {
    const result = await this.db
      .insertInto('visitor_credentials')
      .values({ visitor_id: visitorId, secret_hash: secretHash, created_at: at })
      .onConflict((conflict) => conflict.column('visitor_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async getVisitorSecretHash(visitorId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('visitor_credentials')
      .select('secret_hash')
      .where('visitor_id', '=', visitorId)
      .executeTakeFirst();
    return row?.secret_hash;
  }
}
