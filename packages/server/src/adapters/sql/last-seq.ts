import { sql } from 'kysely';

/**
 * A conversation's last seq, as SQL over the row `conversations` (unaliased): its highest message seq when that
 * is above `last_seq`, else `last_seq`. SQLite appends take the next seq from the messages' own
 * (conversation_id, seq) index and leave the conversation's row alone (writing that wide row per message wrote
 * a page of the log per message); `last_seq` is a floor there, brought up to date when an ended conversation's
 * messages are purged. On PostgreSQL every append raises `last_seq` under the row lock, so the index range above
 * it is empty and this is `last_seq`.
 */
export const lastSeqSql = (conversation: string) =>
  `coalesce((select max("m"."seq") from "messages" as "m" where "m"."conversation_id" = ${conversation}."id" and "m"."seq" > ${conversation}."last_seq"), ${conversation}."last_seq")`;

/** `lastSeqSql` for Kysely queries from `conversations`. */
export const lastSeqNow = sql<number | string | bigint>`${sql.raw(lastSeqSql('"conversations"'))}`;

/** The conversation columns but `last_seq`, in table order. */
export const conversationColumnsButSeq = [
  'id',
  'widget_id',
  'visitor_id',
  'queue_id',
  'status',
  'agent_id',
  'invitation_id',
  'context',
  'customer',
  'created_at',
  'accepted_at',
  'ended_at',
] as const;

/**
 * Every column of a conversation row, `last_seq` its last seq (`lastSeqNow`): what `conversationFromRow` maps.
 * Every read of a whole conversation selects this, never `selectAll`, which would read the floor.
 */
export const conversationRow = [
  ...conversationColumnsButSeq.map((column) => `conversations.${column}` as const),
  lastSeqNow.as('last_seq'),
] as const;
