import type { Queryable } from './connection.ts';

/** The partial unique index on (conversation_id, author, client_msg_id) of migration 0001. */
const clientMsgIdIndex = 'messages_client_msg_id_unique';

/**
 * One message of a batch: for a known conversation (`conversationId`), or a visitor's for their open one
 * (`visitorId`, with `nameKey`: the key of the conversation its `authorName` was worked out from).
 */
export interface BatchInput {
  id: string;
  conversationId: string | null;
  visitorId: string | null;
  author: string;
  authorName: string | null;
  text: string;
  clientMsgId: string | null;
  createdAt: number;
  nameKey: string | null;
}

/**
 * One row per input. `cid`: the conversation it goes to (null: none, or the visitor has none open); `open_key`:
 * that conversation's name key; `id`…: the stored message (inserted now, or the retry's stored one), null when
 * nothing was stored for it; `b_*`: the conversation as the append left it, `c_*`: as the statement's snapshot
 * read it; `c_context` / `c_customer` only for a visitor's message whose `nameKey` was not `open_key`.
 */
export interface BatchRow {
  ord: number;
  cid: string | null;
  open_key: string | null;
  id: string | null;
  conversation_id: string;
  seq: string;
  author: string;
  author_name: string | null;
  text: string;
  client_msg_id: string | null;
  created_at: string;
  b_id: string | null;
  b_widget_id: string;
  b_visitor_id: string;
  b_queue_id: string;
  b_status: string;
  b_agent_id: string | null;
  b_invitation_id: string | null;
  b_created_at: string;
  b_accepted_at: string | null;
  b_ended_at: string | null;
  c_widget_id: string;
  c_visitor_id: string;
  c_queue_id: string;
  c_status: string;
  c_agent_id: string | null;
  c_invitation_id: string | null;
  c_created_at: string;
  c_accepted_at: string | null;
  c_ended_at: string | null;
  c_last_seq: string;
  c_context: string | null;
  c_customer: string | null;
}

const conversationColumns = [
  'widget_id',
  'visitor_id',
  'queue_id',
  'status',
  'agent_id',
  'invitation_id',
  'created_at',
  'accepted_at',
  'ended_at',
];
const messageColumns = 'id, conversation_id, seq, author, author_name, text, client_msg_id, created_at';
const prefixed = (alias: string, prefix: string) =>
  conversationColumns.map((column) => `${alias}.${column} as ${prefix}${column}`).join(', ');

/**
 * What a visitor's author name may depend on: the conversation's id, context and customer. A message is stored
 * under a name only while its conversation still has the key the name was worked out from.
 */
const nameKey = (c: string) => `${c}.id || ':' || md5(${c}.context || ${c}.customer)`;

/**
 * Every message of the batch in ONE statement (one round trip, one commit). Per message, as a lone append would:
 * the visitor's open conversation (as `findOpenConversation`), the client-id retry lookup, then for the rest the
 * conversation's `last_seq` raised by its count of new messages and each inserted with the next seq in input
 * order. The conversations' row locks are taken in id order first, so two batches that share conversations wait
 * for each other instead of deadlocking.
 *
 * What the snapshot read can be stale about is checked again where the row is locked: the `UPDATE`'s condition
 * (still open, same name key, for a visitor's message) is re-evaluated by PostgreSQL on the row as committed by
 * whoever held the lock, so a conversation ended, transferred or re-identified on another node in the meantime
 * takes no message that was meant for it as it was. Such a message, one whose name key was stale (and every
 * later one for the same conversation, so seqs keep the input order), and a second message with a client id
 * already in the batch get no stored row; the caller sends them again.
 *
 * Concurrent retries of one client id on two nodes: the later statement's insert hits the unique index, which
 * aborts the whole statement (no seq skipped); it runs again and its new snapshot sees the stored message.
 */
const appendBatchSql = `
  with input as (
    select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::text[], $9::bigint[], $10::text[])
      as t(ord, id, conversation_id, visitor_id, author, author_name, text, client_msg_id, created_at, name_key)
  ),
  opened as (
    select distinct on (v.visitor_id) v.visitor_id, c.id
    from (select distinct visitor_id from input where visitor_id is not null) v
    join conversations c on c.visitor_id = v.visitor_id and c.status in ('waiting', 'active')
    order by v.visitor_id, c.created_at desc, c.id desc
  ),
  target as (
    select i.*, c.id as cid, ${nameKey('c')} as open_key, ${prefixed('c', 'c_')}, c.last_seq as c_last_seq,
      c.context as c_context, c.customer as c_customer
    from input i
    left join opened o on o.visitor_id = i.visitor_id
    left join conversations c on c.id = coalesce(i.conversation_id, o.id)
  ),
  existing as (
    select t.ord, m.id, m.conversation_id, m.seq, m.author, m.author_name, m.text, m.client_msg_id, m.created_at
    from target t
    join messages m on m.conversation_id = t.cid and m.author = t.author and m.client_msg_id = t.client_msg_id
  ),
  fresh as (
    select t.*, row_number() over (partition by t.cid order by t.ord) as n, count(*) over (partition by t.cid) as k
    from target t
    where t.cid is not null
      and (t.visitor_id is null or t.name_key = t.open_key)
      and not exists (select 1 from existing e where e.ord = t.ord)
      and not exists (
        select 1 from target d
        where d.cid = t.cid and d.author = t.author and d.client_msg_id = t.client_msg_id and d.ord < t.ord
      )
      and not exists (
        select 1 from target d
        where d.cid = t.cid and d.ord < t.ord and d.visitor_id is not null and d.name_key is distinct from d.open_key
          and not exists (select 1 from existing e where e.ord = d.ord)
      )
  ),
  counts as (
    select cid, max(k) as k, bool_or(visitor_id is not null) as visitor, max(open_key) as open_key
    from fresh group by cid
  ),
  locked as materialized (
    select c.id from conversations c join counts n on n.cid = c.id order by c.id for update of c
  ),
  bumped as (
    update conversations c set last_seq = c.last_seq + n.k
    from counts n join locked l on l.id = n.cid
    where c.id = n.cid
      and (not n.visitor or (c.status in ('waiting', 'active') and ${nameKey('c')} = n.open_key))
    returning c.id, c.last_seq, ${prefixed('c', '')}
  ),
  inserted as (
    insert into messages (${messageColumns})
    select f.id, f.cid, b.last_seq - f.k + f.n, f.author, f.author_name, f.text, f.client_msg_id, f.created_at
    from fresh f join bumped b on b.id = f.cid
    returning ${messageColumns}
  ),
  stored as (
    select t.ord, s.id, s.conversation_id, s.seq, s.author, s.author_name, s.text, s.client_msg_id, s.created_at
    from target t join inserted s on s.id = t.id
    union all
    select * from existing
  )
  select t.ord, t.cid, t.open_key, s.id, s.conversation_id, s.seq, s.author, s.author_name, s.text,
    s.client_msg_id, s.created_at, b.id as b_id, ${prefixed('b', 'b_')},
    ${conversationColumns.map((column) => `t.c_${column}`).join(', ')}, t.c_last_seq,
    case when t.visitor_id is not null and t.name_key is distinct from t.open_key then t.c_context end as c_context,
    case when t.visitor_id is not null and t.name_key is distinct from t.open_key then t.c_customer end as c_customer
  from target t
  left join stored s on s.ord = t.ord
  left join bumped b on b.id = t.cid
  order by t.ord`;

/**
 * A named statement: each pooled connection parses it once, then only binds and executes it. A connection
 * pooler between the nodes and PostgreSQL must keep prepared statements per client (PgBouncer in transaction
 * mode: 1.21 or later, with `max_prepared_statements` set).
 */
const appendBatchStatementName = 'beckon_append_batch';

/**
 * How many times the statement runs again after losing a race on the client-id index. One retry always suffices
 * (the row it collided with is committed, so the next statement's snapshot returns it); the bound is a guard.
 */
const maxAttempts = 3;

/** Runs the batch statement; rows in input order. */
export async function appendBatchOnce(pool: Queryable, inputs: BatchInput[]): Promise<BatchRow[]> {
  const values = [
    inputs.map((_, i) => i),
    inputs.map((input) => input.id),
    inputs.map((input) => input.conversationId),
    inputs.map((input) => input.visitorId),
    inputs.map((input) => input.author),
    inputs.map((input) => input.authorName),
    inputs.map((input) => input.text),
    inputs.map((input) => input.clientMsgId),
    inputs.map((input) => input.createdAt),
    inputs.map((input) => input.nameKey),
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await pool.query<BatchRow>({
        name: appendBatchStatementName,
        text: appendBatchSql,
        values,
      });
      return rows;
    } catch (error) {
      if (attempt >= maxAttempts || !isClientMsgIdConflict(error)) throw error;
    }
  }
}

function isClientMsgIdConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === clientMsgIdIndex;
}
