import type { Selectable } from 'kysely';
import type { FileRow, FileStore } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db, FilesTable } from '../schema.ts';

export function fileFromRow(row: Selectable<FilesTable>): FileRow {
  const file: FileRow = {
    id: row.id,
    conversationId: row.conversation_id,
    uploader: row.uploader as FileRow['uploader'],
    uploaderId: row.uploader_id,
    clientId: row.client_id,
    name: row.name,
    contentType: row.content_type,
    size: toNumber(row.size),
    createdAt: toNumber(row.created_at),
  };
  if (row.width !== null) file.width = row.width;
  if (row.height !== null) file.height = row.height;
  if (row.message_id !== null) file.messageId = row.message_id;
  if (row.quarantined_signature !== null) file.quarantinedSignature = row.quarantined_signature;
  return file;
}

/** Files sent in conversations (their bytes are in the blob store). */
export class SqlFiles implements FileStore {
  constructor(private readonly db: Db) {}

  async createFile(file: FileRow): Promise<FileRow> {
    // The unique index settles two concurrent retries: the loser's insert does nothing and it reads the winner.
    await this.db
      .insertInto('files')
      .values({
        id: file.id,
        conversation_id: file.conversationId,
        uploader: file.uploader,
        uploader_id: file.uploaderId,
        client_id: file.clientId,
        name: file.name,
        content_type: file.contentType,
        size: file.size,
        width: file.width ?? null,
        height: file.height ?? null,
        message_id: file.messageId ?? null,
        quarantined_signature: file.quarantinedSignature ?? null,
        created_at: file.createdAt,
      })
      .onConflict((c) => c.columns(['conversation_id', 'uploader_id', 'client_id']).doNothing())
      .execute();
    const stored = await this.findFileByClientId(file.conversationId, file.uploaderId, file.clientId);
    if (!stored) throw new Error(`file ${file.id} was not stored`);
    return stored;
  }

  async findFileByClientId(
    conversationId: string,
    uploaderId: string,
    clientId: string,
  ): Promise<FileRow | undefined> {
    const row = await this.db
      .selectFrom('files')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('uploader_id', '=', uploaderId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row && fileFromRow(row);
  }

  async getFile(id: string): Promise<FileRow | undefined> {
    const row = await this.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fileFromRow(row);
  }

  async setFileMessage(fileId: string, messageId: string): Promise<void> {
    await this.db.updateTable('files').set({ message_id: messageId }).where('id', '=', fileId).execute();
  }

  async filesOfVisitors(visitorIds: readonly string[]): Promise<FileRow[]> {
    if (visitorIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('files')
      .innerJoin('conversations', 'conversations.id', 'files.conversation_id')
      .selectAll('files')
      .where('conversations.visitor_id', 'in', [...visitorIds])
      .orderBy('files.created_at')
      .execute();
    return rows.map(fileFromRow);
  }

  async filesOfConversationsEndedBefore(before: number, limit: number): Promise<FileRow[]> {
    // A file whose conversation is gone (purged by a run that stopped at its batch limit) is over too.
    const rows = await this.db
      .selectFrom('files')
      .leftJoin('conversations', 'conversations.id', 'files.conversation_id')
      .selectAll('files')
      .where((eb) =>
        eb.or([
          eb('conversations.id', 'is', null),
          eb.and([eb('conversations.status', '=', 'ended'), eb('conversations.ended_at', '<', before)]),
        ]),
      )
      .orderBy('files.created_at')
      .limit(limit)
      .execute();
    return rows.map(fileFromRow);
  }

  async filesWithoutMessage(before: number, limit: number): Promise<FileRow[]> {
    const rows = await this.db
      .selectFrom('files')
      .selectAll()
      .where('message_id', 'is', null)
      .where('quarantined_signature', 'is', null)
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map(fileFromRow);
  }

  async deleteFiles(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db
      .deleteFrom('files')
      .where('id', 'in', [...ids])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
