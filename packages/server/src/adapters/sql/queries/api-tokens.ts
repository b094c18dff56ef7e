import type { Selectable } from 'kysely';
import type { ApiTokenRow, ApiTokenStore } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { ApiTokensTable, Db } from '../schema.ts';

const orNull = (value: number | string | bigint | null): number | null =>
  value === null ? null : toNumber(value);

function fromRow(row: Selectable<ApiTokensTable>): ApiTokenRow {
  return {
    id: row.id,
    name: row.name,
    secretHash: row.secret_hash,
    scopes: JSON.parse(row.scopes) as string[],
    createdBy: row.created_by,
    createdAt: toNumber(row.created_at),
    expiresAt: orNull(row.expires_at),
    lastUsedAt: orNull(row.last_used_at),
    revokedAt: orNull(row.revoked_at),
  };
}

/** API tokens, listed newest first. */
export class SqlApiTokens implements ApiTokenStore {
  constructor(private readonly db: Db) {}

  async createApiToken(token: ApiTokenRow): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        name: token.name,
        secret_hash: token.secretHash,
        scopes: JSON.stringify(token.scopes),
        created_by: token.createdBy,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        last_used_at: token.lastUsedAt,
        revoked_at: token.revokedAt,
      })
      .execute();
  }

  async getApiToken(id: string): Promise<ApiTokenRow | undefined> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  async listApiTokens(): Promise<ApiTokenRow[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(fromRow);
  }

  async revokeApiToken(id: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async touchApiToken(id: string, at: number): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
      .execute();
  }
}
