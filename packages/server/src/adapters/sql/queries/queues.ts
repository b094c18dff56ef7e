import type { AssignmentMethod, Presence } from '@beckon/protocol';
import { type InferResult, type Selectable, sql } from 'kysely';
import type { NewQueue, QueueMemberLoad, QueueRow, QueueStanding, QueueStore } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db, QueuesTable } from '../schema.ts';

export function queueFromRow(row: Selectable<QueuesTable>): QueueRow {
  return {
    id: row.id,
    name: row.name,
    assignmentMethod: row.assignment_method as AssignmentMethod,
    ...(row.offer_timeout_seconds === null
      ? {}
      : { offerTimeoutSeconds: toNumber(row.offer_timeout_seconds) }),
    autoAssign: toNumber(row.auto_assign) === 1,
  };
}

/** Queues, their routing settings and members, with each member's round-robin memory. */
export class SqlQueues implements QueueStore {
  constructor(private readonly db: Db) {}

  async createQueue(queue: NewQueue): Promise<void> {
    await this.db
      .insertInto('queues')
      .values({
        id: queue.id,
        name: queue.name,
        assignment_method: queue.assignmentMethod ?? 'most-free',
        offer_timeout_seconds: queue.offerTimeoutSeconds ?? null,
        auto_assign: queue.autoAssign ? 1 : 0,
      })
      .execute();
  }

  async listQueues(): Promise<QueueRow[]> {
    const rows = await this.db.selectFrom('queues').selectAll().orderBy('id').execute();
    return rows.map(queueFromRow);
  }

  async getQueue(id: string): Promise<QueueRow | undefined> {
    const row = await this.db.selectFrom('queues').selectAll().where('id', '=', id).executeTakeFirst();
    return row && queueFromRow(row);
  }

  async updateQueue(queue: QueueRow): Promise<boolean> {
    const result = await this.db
      .updateTable('queues')
      .set({
        name: queue.name,
        assignment_method: queue.assignmentMethod,
        offer_timeout_seconds: queue.offerTimeoutSeconds ?? null,
        auto_assign: queue.autoAssign ? 1 : 0,
      })
      .where('id', '=', queue.id)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async deleteQueue(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      // Explicit rather than relying on ON DELETE CASCADE, which SQLite only honours with foreign keys on.
      await tx.deleteFrom('queue_members').where('queue_id', '=', id).execute();
      const result = await tx.deleteFrom('queues').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows === 1n;
    });
  }

  async addQueueMember(queueId: string, userId: string): Promise<void> {
    // Adding someone already in the queue is a no-op rather than an error: membership is a set.
    await this.db
      .insertInto('queue_members')
      .values({ queue_id: queueId, user_id: userId })
      .onConflict((oc) => oc.columns(['queue_id', 'user_id']).doNothing())
      .execute();
  }

  async setQueueMembers(queueId: string, userIds: string[]): Promise<void> {
    const wanted = [...new Set(userIds)];
    await this.db.transaction().execute(async (tx) => {
      let removal = tx.deleteFrom('queue_members').where('queue_id', '=', queueId);
      if (wanted.length > 0) removal = removal.where('user_id', 'not in', wanted);
      await removal.execute();
      for (const userId of wanted) await new SqlQueues(tx).addQueueMember(queueId, userId);
    });
  }

  async listQueueMembers(queueId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('queue_members')
      .select('user_id')
      .where('queue_id', '=', queueId)
      .orderBy('user_id')
      .execute();
    return rows.map((row) => row.user_id);
  }

  async listQueueMemberLoads(queueId: string): Promise<QueueMemberLoad[]> {
    return memberLoadsFromRows(await memberLoadsQuery(this.db, queueId).execute());
  }

  async hasAvailableMember(queueId: string): Promise<boolean> {
    return (await availableMemberQuery(this.db, queueId).execute()).length > 0;
  }

  async markQueueMemberOffered(queueId: string, userId: string, at: number): Promise<void> {
    await this.db
      .updateTable('queue_members')
      .set({ last_offered_at: at })
      .where('queue_id', '=', queueId)
      .where('user_id', '=', userId)
      .execute();
  }

  async getQueueStanding(queueId: string, handledSample: number): Promise<QueueStanding | undefined> {
    return queueStandingFromRows(await queueStandingQuery(this.db, queueId, handledSample).execute());
  }
}

/** Each member's presence, capacity, active conversations and pending offers, counted in the database. */
export function memberLoadsQuery(db: Db, queueId: string) {
  return db
    .selectFrom('queue_members')
    .innerJoin('users', 'users.id', 'queue_members.user_id')
    .leftJoin('presence', 'presence.user_id', 'queue_members.user_id')
    .select((eb) => [
      'queue_members.user_id',
      'queue_members.last_offered_at',
      'users.capacity',
      'presence.status as presence',
      eb
        .selectFrom('conversations')
        .select((c) => c.fn.countAll().as('n'))
        .whereRef('conversations.agent_id', '=', 'queue_members.user_id')
        .where('conversations.status', '=', 'active')
        .as('active'),
      eb
        .selectFrom('offers')
        .select((o) => o.fn.countAll().as('n'))
        .whereRef('offers.agent_id', '=', 'queue_members.user_id')
        .where('offers.status', '=', 'pending')
        .as('pending'),
    ])
    .where('queue_members.queue_id', '=', queueId)
    .orderBy('queue_members.user_id');
}

export function memberLoadsFromRows(
  rows: InferResult<ReturnType<typeof memberLoadsQuery>>,
): QueueMemberLoad[] {
  return rows.map((row) => ({
    userId: row.user_id,
    ...(row.last_offered_at === null ? {} : { lastOfferedAt: toNumber(row.last_offered_at) }),
    // Someone who never set a status has never been reachable.
    presence: (row.presence as Presence | null) ?? 'offline',
    capacity: toNumber(row.capacity),
    active: toNumber(row.active ?? 0),
    pending: toNumber(row.pending ?? 0),
  }));
}

/** One row when a member of the queue is available, none otherwise. */
export function availableMemberQuery(db: Db, queueId: string) {
  return db
    .selectFrom('queue_members')
    .innerJoin('presence', 'presence.user_id', 'queue_members.user_id')
    .select('queue_members.user_id')
    .where('queue_members.queue_id', '=', queueId)
    .where('presence.status', '=', 'available')
    .limit(1);
}

/**
 * One row per waiting conversation; the handling times and the slots are uncorrelated subqueries, which both
 * databases evaluate once for the statement, so the figures cost no round trip of their own.
 */
export function queueStandingQuery(db: Db, queueId: string, handledSample: number) {
  // The queue's last `handledSample` handled conversations, each with how long it was handled.
  const recentlyHandled = () =>
    db
      .selectFrom('conversations as handled')
      .select(sql<number>`handled.ended_at - handled.accepted_at`.as('span'))
      .where('handled.queue_id', '=', queueId)
      .where('handled.status', '=', 'ended')
      .where('handled.accepted_at', 'is not', null)
      .where('handled.ended_at', 'is not', null)
      .orderBy('handled.ended_at', 'desc')
      .orderBy('handled.id', 'desc')
      .limit(handledSample)
      .as('recent');
  return db
    .selectFrom('conversations')
    .select((eb) => [
      'conversations.id',
      'conversations.visitor_id',
      eb
        .selectFrom(recentlyHandled())
        .select((r) => r.fn.sum<number | string | null>('recent.span').as('total'))
        .as('handled_total_ms'),
      eb
        .selectFrom(recentlyHandled())
        .select((r) => r.fn.countAll<number | string>().as('n'))
        .as('handled_count'),
      eb
        .selectFrom('queue_members')
        .innerJoin('users', 'users.id', 'queue_members.user_id')
        .innerJoin('presence', 'presence.user_id', 'queue_members.user_id')
        .select((m) => m.fn.sum<number | string | null>('users.capacity').as('slots'))
        .where('queue_members.queue_id', '=', queueId)
        .where('presence.status', '=', 'available')
        .as('slots'),
    ])
    .where('conversations.queue_id', '=', queueId)
    .where('conversations.status', '=', 'waiting')
    .orderBy('conversations.created_at')
    .orderBy('conversations.id');
}

export function queueStandingFromRows(
  rows: InferResult<ReturnType<typeof queueStandingQuery>>,
): QueueStanding | undefined {
  const first = rows[0];
  if (!first) return undefined;
  return {
    waiting: rows.map((row) => ({ conversationId: row.id, visitorId: row.visitor_id })),
    handled: { totalMs: toNumber(first.handled_total_ms ?? 0), count: toNumber(first.handled_count ?? 0) },
    slots: toNumber(first.slots ?? 0),
  };
}
