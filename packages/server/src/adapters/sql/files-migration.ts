import { defaultWidgetFileTypes, fileLimits } from '@beckon/protocol';
import type { Kysely, Migration } from 'kysely';

/**
 * Each widget's accepted file types and size limit (`widgets.file_types`, `widgets.file_max_bytes`). Files sent
 * in conversations: one row each (`files`), unique per (conversation, uploader, client id) so a
 * retried upload finds the first; `file_blobs` holds the bytes when the installation keeps them in the database
 * (PostgreSQL, so every node serves every file; `bytea` is a BLOB on SQLite).
 */
export const files: Migration = {
  async up(db: Kysely<unknown>) {
    // Each widget's file rules: what existing widgets get is the default for new ones.
    await db.schema
      .alterTable('widgets')
      .addColumn('file_types', 'text', (c) => c.notNull().defaultTo(JSON.stringify(defaultWidgetFileTypes)))
      .execute();
    await db.schema
      .alterTable('widgets')
      .addColumn('file_max_bytes', 'bigint', (c) => c.notNull().defaultTo(fileLimits.maxBytes))
      .execute();
    await db.schema
      .createTable('files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('uploader', 'text', (c) => c.notNull())
      .addColumn('uploader_id', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('message_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('files_client_id_unique')
      .on('files')
      .columns(['conversation_id', 'uploader_id', 'client_id'])
      .unique()
      .execute();
    await db.schema.createIndex('files_message').on('files').column('message_id').execute();
    await db.schema
      .createTable('file_blobs')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('data', 'bytea', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('file_blobs').ifExists().execute();
    await db.schema.dropTable('files').ifExists().execute();
    await db.schema.alterTable('widgets').dropColumn('file_max_bytes').execute();
    await db.schema.alterTable('widgets').dropColumn('file_types').execute();
  },
};
