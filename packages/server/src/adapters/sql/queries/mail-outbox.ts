import type { MailOutboxStore, NewOutboxMail, OutboxLimits, OutboxMailRow } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** The mail outbox: rows claimed with a conditional update, so one node sends each mail. */
export class SqlMailOutbox implements MailOutboxStore {
  constructor(private readonly db: Db) {}

  enqueueMail(mail: NewOutboxMail, limits?: OutboxLimits): Promise<'queued' | 'limited'> {
    return this.db.transaction().execute(async (tx) => {
      if (!limits) {
        await tx.insertInto('mail_outbox').values(rowOf(mail)).execute();
        return 'queued';
      }
      const counts = await tx
        .selectFrom('mail_outbox')
        .select((eb) => [
          eb.fn
            .sum<number | string | null>(
              eb.case().when('conversation_id', '=', mail.conversationId).then(1).else(0).end(),
            )
            .as('conversation'),
          eb.fn.countAll<number | string>().as('visitor'),
        ])
        .where('visitor_id', '=', mail.visitorId)
        .where('kind', '=', mail.kind)
        .where('created_at', '>=', limits.since)
        .executeTakeFirst();
      if (
        Number(counts?.conversation ?? 0) >= limits.perConversation ||
        Number(counts?.visitor ?? 0) >= limits.perVisitor
      ) {
        return 'limited';
      }
      await tx.insertInto('mail_outbox').values(rowOf(mail)).execute();
      return 'queued';
    });
  }

  async claimDueMails(
    now: number,
    node: string,
    leaseUntil: number,
    limit: number,
  ): Promise<OutboxMailRow[]> {
    const due = await this.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    const claimed: OutboxMailRow[] = [];
    for (const row of due) {
      // Won only if no other node claimed it since the read.
      const result = await this.db
        .updateTable('mail_outbox')
        .set({ claimed_by: node, claimed_until: leaseUntil })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1 || row.recipient === null) continue;
      claimed.push({
        id: row.id,
        kind: row.kind as OutboxMailRow['kind'],
        visitorId: row.visitor_id,
        conversationId: row.conversation_id,
        recipient: row.recipient,
        language: row.language,
        ...(row.time_zone ? { timeZone: row.time_zone } : {}),
        ...(row.subject !== null && row.body_text !== null
          ? {
              content: {
                subject: row.subject,
                text: row.body_text,
                ...(row.body_html !== null ? { html: row.body_html } : {}),
              },
            }
          : {}),
        attempts: row.attempts,
        createdAt: toNumber(row.created_at),
      });
    }
    return claimed;
  }

  async mailSent(id: string, _now: number): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set({ status: 'sent', ...cleared, claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .execute();
  }

  async mailFailed(id: string, retryAt: number | undefined): Promise<void> {
    const update = this.db.updateTable('mail_outbox').where('id', '=', id);
    if (retryAt === undefined) {
      await update.set({ status: 'failed', ...cleared, claimed_by: null, claimed_until: null }).execute();
      return;
    }
    await update
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        next_attempt_at: retryAt,
        claimed_by: null,
        claimed_until: null,
      }))
      .execute();
  }

  async purgeMailOutbox(before: number): Promise<number> {
    const result = await this.db
      .deleteFrom('mail_outbox')
      .where('status', '!=', 'pending')
      .where('created_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** What a sent or given-up mail no longer keeps: its address and its content. */
const cleared = { recipient: null, subject: null, body_text: null, body_html: null } as const;

function rowOf(mail: NewOutboxMail) {
  return {
    id: mail.id,
    kind: mail.kind,
    visitor_id: mail.visitorId,
    conversation_id: mail.conversationId,
    recipient: mail.recipient,
    language: mail.language,
    time_zone: mail.timeZone ?? null,
    subject: mail.content?.subject ?? null,
    body_text: mail.content?.text ?? null,
    body_html: mail.content?.html ?? null,
    status: 'pending',
    attempts: 0,
    next_attempt_at: mail.createdAt,
    created_at: mail.createdAt,
  };
}
