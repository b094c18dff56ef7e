import type { CustomerMatch } from '@beckon/protocol';
import type {
  DataSubject,
  ErasedCounts,
  PersonalData,
  PersonalDataStore,
  VisitEventRow,
} from '../../../ports/store.ts';
import { conversationRow } from '../last-seq.ts';
import {
  conversationFromRow,
  customerFromRow,
  invitationFromRow,
  messageFromRow,
  pageViewFromRow,
  toNumber,
  visitorFromRow,
} from '../mappers.ts';
import type { Db } from '../schema.ts';
import { fileFromRow } from './files.ts';

const noMatch: CustomerMatch = { status: 'none', candidates: [] };

/** Whether a stored customer match names the customer, as the match or as a candidate. */
function namesCustomer(customerJson: string, customerId: string): boolean {
  const match = JSON.parse(customerJson) as CustomerMatch;
  return match.customer?.id === customerId || match.candidates.some((c) => c.id === customerId);
}

/** One person's rows across tables: read for an export, deleted for an erasure. */
export class SqlPersonalData implements PersonalDataStore {
  constructor(private readonly db: Db) {}

  async visitorIdsOfCustomer(customerId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('visitors')
      .select('id')
      .where('customer_id', '=', customerId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => row.id);
  }

  async collectPersonalData(subject: DataSubject): Promise<PersonalData> {
    const ids = subject.visitorIds.length > 0 ? subject.visitorIds : [''];
    const customer = subject.customerId
      ? await this.db
          .selectFrom('customers')
          .selectAll()
          .where('id', '=', subject.customerId)
          .executeTakeFirst()
      : undefined;
    const visitors = await this.db.selectFrom('visitors').selectAll().where('id', 'in', ids).execute();
    const pageViews = await this.db
      .selectFrom('page_views')
      .selectAll()
      .where('visitor_id', 'in', ids)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const events = await this.db
      .selectFrom('visit_events')
      .selectAll()
      .where('visitor_id', 'in', ids)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const invitations = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('visitor_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const conversationIds = await this.conversationIds(this.db, subject);
    const cids = conversationIds.length > 0 ? conversationIds : [''];
    const conversations = await this.db
      .selectFrom('conversations')
      .select(conversationRow)
      .where('id', 'in', cids)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const messages = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', 'in', cids)
      .orderBy('conversation_id')
      .orderBy('seq')
      .execute();
    const surveys = await this.db
      .selectFrom('chat_surveys')
      .selectAll()
      .where('conversation_id', 'in', cids)
      .execute();
    const wrapUps = await this.db
      .selectFrom('wrap_ups')
      .selectAll()
      .where('conversation_id', 'in', cids)
      .execute();
    const leftMessages = await this.db
      .selectFrom('left_messages')
      .selectAll()
      .where('conversation_id', 'in', cids)
      .orderBy('created_at')
      .execute();
    const files = await this.db
      .selectFrom('files')
      .selectAll()
      .where('conversation_id', 'in', cids)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return {
      ...(customer ? { customer: customerFromRow(customer) } : {}),
      visitors: visitors.map(visitorFromRow),
      pageViews: pageViews.map(pageViewFromRow),
      events: events.map(
        (row): VisitEventRow => ({
          id: row.id,
          visitorId: row.visitor_id,
          visitStartedAt: toNumber(row.visit_started_at),
          name: row.name,
          ...(row.props ? { props: JSON.parse(row.props) } : {}),
          at: toNumber(row.at),
        }),
      ),
      invitations: invitations.map(invitationFromRow),
      conversations: conversations.map((row) => ({
        ...conversationFromRow(row),
        messages: messages.filter((m) => m.conversation_id === row.id).map(messageFromRow),
      })),
      surveys: surveys.map((row) => ({
        conversationId: row.conversation_id,
        rating: row.rating,
        ...(row.comment !== null ? { comment: row.comment } : {}),
        createdAt: toNumber(row.created_at),
      })),
      wrapUps: wrapUps.map((row) => ({
        conversationId: row.conversation_id,
        agentId: row.agent_id,
        outcome: row.outcome,
        notes: row.notes,
        at: toNumber(row.at),
      })),
      leftMessages: leftMessages.map((row) => ({
        conversationId: row.conversation_id,
        visitorId: row.visitor_id,
        name: row.name,
        email: row.email,
        language: row.language,
        createdAt: toNumber(row.created_at),
      })),
      files: files.map(fileFromRow),
    };
  }

  erasePersonalData(subject: DataSubject): Promise<ErasedCounts> {
    return this.db.transaction().execute(async (tx) => {
      const ids = subject.visitorIds.length > 0 ? subject.visitorIds : [''];
      // Conversations of the subject's visitors go; another visitor's conversation that merely listed the
      // customer as a candidate stays, with its match cleared.
      const own = await tx.selectFrom('conversations').select('id').where('visitor_id', 'in', ids).execute();
      const ownIds = own.map((row) => row.id);
      const named = subject.customerId ? await this.namingConversations(tx, subject.customerId) : [];
      const others = named.filter((id) => !ownIds.includes(id));
      for (const id of others) {
        await tx
          .updateTable('conversations')
          .set({ customer: JSON.stringify(noMatch) })
          .where('id', '=', id)
          .execute();
      }
      const cids = ownIds.length > 0 ? ownIds : [''];
      const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
      const messages = count(
        await tx.deleteFrom('messages').where('conversation_id', 'in', cids).executeTakeFirstOrThrow(),
      );
      await tx.deleteFrom('receipts').where('conversation_id', 'in', cids).execute();
      await tx.deleteFrom('offers').where('conversation_id', 'in', cids).execute();
      await tx.deleteFrom('wrap_ups').where('conversation_id', 'in', cids).execute();
      await tx.deleteFrom('chat_surveys').where('conversation_id', 'in', cids).execute();
      await tx.deleteFrom('left_messages').where('visitor_id', 'in', ids).execute();
      // Webhook payloads about the person, sent or not: they carry their messages and details.
      // Their attempts first: the receivers' answers may echo what the payloads carried.
      await tx
        .deleteFrom('webhook_attempts')
        .where(
          'delivery_id',
          'in',
          tx.selectFrom('webhook_deliveries').select('id').where('visitor_id', 'in', ids),
        )
        .execute();
      await tx.deleteFrom('webhook_deliveries').where('visitor_id', 'in', ids).execute();
      if (subject.customerId) {
        await tx
          .deleteFrom('webhook_attempts')
          .where(
            'delivery_id',
            'in',
            tx.selectFrom('webhook_deliveries').select('id').where('customer_id', '=', subject.customerId),
          )
          .execute();
        await tx.deleteFrom('webhook_deliveries').where('customer_id', '=', subject.customerId).execute();
      }
      // Rows only: the caller deleted their bytes from the blob store first (PersonalDataRequests.erase).
      const files = count(
        await tx.deleteFrom('files').where('conversation_id', 'in', cids).executeTakeFirstOrThrow(),
      );
      await tx.deleteFrom('mail_outbox').where('visitor_id', 'in', ids).execute();
      const conversations = count(
        await tx.deleteFrom('conversations').where('id', 'in', cids).executeTakeFirstOrThrow(),
      );
      const invitations = count(
        await tx.deleteFrom('invitations').where('visitor_id', 'in', ids).executeTakeFirstOrThrow(),
      );
      const events = count(
        await tx.deleteFrom('visit_events').where('visitor_id', 'in', ids).executeTakeFirstOrThrow(),
      );
      const pageViews = count(
        await tx.deleteFrom('page_views').where('visitor_id', 'in', ids).executeTakeFirstOrThrow(),
      );
      await tx.deleteFrom('visitor_connections').where('visitor_id', 'in', ids).execute();
      // Explicit rather than left to ON DELETE CASCADE, which SQLite applies only with foreign keys switched on.
      await tx.deleteFrom('visitor_credentials').where('visitor_id', 'in', ids).execute();
      await tx.deleteFrom('visitor_handovers').where('visitor_id', 'in', ids).execute();
      const visitors = count(
        await tx.deleteFrom('visitors').where('id', 'in', ids).executeTakeFirstOrThrow(),
      );
      const customers = subject.customerId
        ? count(
            await tx.deleteFrom('customers').where('id', '=', subject.customerId).executeTakeFirstOrThrow(),
          )
        : 0;
      return {
        customers,
        visitors,
        pageViews,
        events,
        invitations,
        conversations,
        messages,
        matchesCleared: others.length,
        files,
      };
    });
  }

  private async conversationIds(db: Db, subject: DataSubject): Promise<string[]> {
    const ids = subject.visitorIds.length > 0 ? subject.visitorIds : [''];
    const own = await db.selectFrom('conversations').select('id').where('visitor_id', 'in', ids).execute();
    const named = subject.customerId ? await this.namingConversations(db, subject.customerId) : [];
    return [...new Set([...own.map((row) => row.id), ...named])];
  }

  /** Conversations whose customer match names the customer: a LIKE narrows, the parsed JSON decides. */
  private async namingConversations(db: Db, customerId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('conversations')
      .select(['id', 'customer'])
      .where('customer', 'like', `%${customerId.replace(/[\\%]/g, '')}%`)
      .execute();
    return rows.filter((row) => namesCustomer(row.customer, customerId)).map((row) => row.id);
  }
}
