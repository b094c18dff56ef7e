import type { Kysely } from 'kysely';
import { assertBlobKey, type BlobStore } from '../../ports/blob-store.ts';
import type { Database } from './schema.ts';

/**
 * File bytes in the database (`file_blobs`, created by migration 0024): on PostgreSQL every node reads what any
 * node wrote, with no other service to run. One row per key; a row is written whole in one statement.
 */
export class SqlBlobStore implements BlobStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
    /** Ends the connection this store opened for itself, if any. */
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await this.db
      .insertInto('file_blobs')
      .values({ key, data, created_at: this.now() })
      .onConflict((c) => c.column('key').doUpdateSet({ data, created_at: this.now() }))
      .execute();
  }

  async get(key: string): Promise<Buffer | undefined> {
    assertBlobKey(key);
    const row = await this.db
      .selectFrom('file_blobs')
      .select('data')
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? Buffer.from(row.data) : undefined;
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.db.deleteFrom('file_blobs').where('key', '=', key).execute();
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
