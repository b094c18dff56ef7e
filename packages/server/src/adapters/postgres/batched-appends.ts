import type { ChatMessage, ContextSnapshot, ConversationStatus, CustomerMatch } from '@beckon/protocol';
import type { Selectable } from 'kysely';
import { LRUCache } from 'lru-cache';
import type {
  ConversationRow,
  NewMessage,
  NewVisitorMessage,
  VisitorMessageAppended,
} from '../../ports/store.ts';
import { messageFromRow, optional, optionalNumber, toNumber, withoutUndefined } from '../sql/mappers.ts';
import {
  type BatchEntry,
  type BatchOutcome,
  MessageBatcher,
  MissingConversation,
  senderKey,
} from '../sql/message-batch.ts';
import { newMessageId } from '../sql/message-ids.ts';
import type { MessagesTable } from '../sql/schema.ts';
import { appendBatchOnce, type BatchInput, type BatchRow } from './append-batch.ts';
import type { Queryable } from './connection.ts';

/**
 * A message goes back into the next statement when the conversation changed under it (a stale name key, a
 * conversation ended or re-identified while the statement waited for its lock, a client id twice in one batch);
 * each round settles at least the first of these, the bound is a guard.
 */
const maxRounds = 5;

/** Append statements one node has in flight at once (of its pool's connections). */
const statementsInFlight = 4;

/** Visitors whose open conversation is remembered for naming their next message; the oldest are forgotten. */
const maxRemembered = 50_000;

interface Remembered {
  key: string;
  conversation: ConversationRow;
}

interface Attempt {
  entry: BatchEntry;
  id: string;
  /** For a visitor's message: the conversation its author name was worked out from in this round. */
  known?: Remembered;
}

/**
 * Group commit on PostgreSQL: the appends of one event-loop turn go out as ONE statement (`appendBatchOnce`),
 * a visitor's open conversation looked up inside it, and each caller is answered once that statement has
 * returned, so committed: an ack still means stored.
 *
 * A visitor's message carries an author name worked out from their conversation before the statement is sent.
 * It is worked out from the conversation this node last saw for the visitor, and the statement stores it only
 * while that conversation is still the open one with the same id, context and customer (its name key); when
 * not, the statement returns the conversation as it is and the message goes again with the name from it. What
 * is remembered is a guess checked by the database, never trusted: a node that never saw the conversation, or
 * saw it before another node changed it, costs a second statement, not a misplaced message.
 */
export class BatchedAppends {
  private readonly batcher: MessageBatcher<BatchEntry, BatchOutcome>;
  private readonly remembered = new LRUCache<string, Remembered>({ max: maxRemembered });

  constructor(private readonly pool: Queryable) {
    this.batcher = new MessageBatcher<BatchEntry, BatchOutcome>(
      (entries) => this.appendAll(entries),
      async (entry) => {
        const [outcome] = await this.appendAll([entry]);
        if (outcome instanceof MissingConversation) throw outcome;
        return outcome;
      },
      // The next turn's statement goes while the last one runs, on another pooled connection: one statement at
      // a time held the relay to one backend's speed. The row locks are taken in id order, so two statements
      // that share conversations wait for each other instead of deadlocking.
      { depth: statementsInFlight, key: senderKey },
    );
  }

  async appendMessage(message: NewMessage): Promise<ChatMessage> {
    return (await this.batcher.append({ kind: 'message', message })) as ChatMessage;
  }

  appendVisitorMessage(message: NewVisitorMessage): Promise<VisitorMessageAppended | undefined> {
    return this.batcher.append({ kind: 'visitor', message }) as Promise<VisitorMessageAppended | undefined>;
  }

  /** Statements until every entry has its outcome; in input order. */
  private async appendAll(entries: BatchEntry[]): Promise<(BatchOutcome | MissingConversation)[]> {
    const outcomes = new Array<BatchOutcome | MissingConversation>(entries.length);
    let pending = entries.map((entry, index) => ({ index, attempt: { entry, id: newMessageId() } }));
    for (let round = 1; pending.length > 0; round++) {
      if (round > maxRounds)
        throw new Error(`cannot append ${pending.length} messages: their conversations keep changing`);
      const rows = await appendBatchOnce(
        this.pool,
        pending.map(({ attempt }) => this.input(attempt)),
      );
      const again: typeof pending = [];
      pending.forEach((item, i) => {
        const outcome = this.outcome(item.attempt, rows[i]!);
        if (outcome === retry) again.push(item);
        else outcomes[item.index] = outcome;
      });
      pending = again;
    }
    return outcomes;
  }

  private input(attempt: Attempt): BatchInput {
    const { entry, id } = attempt;
    const { message } = entry;
    const common = {
      id,
      text: message.text,
      clientMsgId: message.clientMsgId ?? null,
      createdAt: message.createdAt,
    };
    if (entry.kind === 'message') {
      const { conversationId, author, authorName } = entry.message;
      return {
        ...common,
        conversationId,
        visitorId: null,
        author,
        authorName: authorName ?? null,
        nameKey: null,
      };
    }
    const known = this.remembered.get(entry.message.visitorId);
    attempt.known = known;
    return {
      ...common,
      conversationId: null,
      visitorId: entry.message.visitorId,
      author: 'visitor',
      // Not stored unless the key still matches; a placeholder when there is no key to match.
      authorName: known ? entry.message.authorName(known.conversation) : null,
      nameKey: known?.key ?? null,
    };
  }

  private outcome(
    { entry, known }: Attempt,
    row: BatchRow,
  ): BatchOutcome | MissingConversation | typeof retry {
    if (entry.kind === 'message') {
      if (row.id !== null) return messageOf(row);
      if (row.cid === null) {
        return new MissingConversation(
          `cannot append message: conversation ${entry.message.conversationId} does not exist`,
        );
      }
      return retry;
    }
    const visitorId = entry.message.visitorId;
    if (row.cid === null) {
      this.remembered.delete(visitorId);
      return undefined;
    }
    const conversation = this.conversationOf(visitorId, row, known);
    if (row.id === null) return retry;
    const message = messageOf(row);
    return { conversation: { ...conversation, lastSeq: message.seq - 1 }, message };
  }

  /** The conversation as the statement left it (or read it), remembered for the visitor's next message. */
  private conversationOf(visitorId: string, row: BatchRow, known: Remembered | undefined): ConversationRow {
    // The statement leaves out the context and customer when the key sent was the conversation's own.
    const key = row.open_key!;
    const parsed =
      row.c_context === null || row.c_customer === null
        ? known!.conversation
        : {
            context: JSON.parse(row.c_context) as ContextSnapshot,
            customer: JSON.parse(row.c_customer) as CustomerMatch,
          };
    const after = row.b_id !== null;
    const conversation = withoutUndefined({
      id: row.cid!,
      widgetId: after ? row.b_widget_id : row.c_widget_id,
      visitorId: after ? row.b_visitor_id : row.c_visitor_id,
      queueId: after ? row.b_queue_id : row.c_queue_id,
      status: (after ? row.b_status : row.c_status) as ConversationStatus,
      agentId: optional(after ? row.b_agent_id : row.c_agent_id),
      invitationId: optional(after ? row.b_invitation_id : row.c_invitation_id),
      context: parsed.context,
      customer: parsed.customer,
      createdAt: toNumber(after ? row.b_created_at : row.c_created_at),
      acceptedAt: optionalNumber(after ? row.b_accepted_at : row.c_accepted_at),
      endedAt: optionalNumber(after ? row.b_ended_at : row.c_ended_at),
      lastSeq: toNumber(row.c_last_seq),
    });
    this.remembered.set(visitorId, { key, conversation });
    return conversation;
  }
}

const retry = Symbol('retry');

function messageOf(row: BatchRow): ChatMessage {
  // The message's columns are named as the table's.
  return messageFromRow(row as unknown as Selectable<MessagesTable>);
}
