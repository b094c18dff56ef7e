import type { TestDatabase } from '../services.ts';
import { until } from '../waiting.ts';
import type { ChaosAgent, ChaosVisitor } from './clients.ts';

/** What both sides of every conversation sent and received, and what the database holds. */
export interface Verdict {
  sent: number;
  delivered: number;
  duplicates: number;
  lost: number;
  outOfOrder: string[];
  stored: number;
  storedDistinct: number;
}

/**
 * Refills whatever the last fan-outs lost from the store (as any reconnect does), waits until both sides of
 * every conversation hold its whole transcript, then counts, per conversation and side, what arrived against
 * what was sent: exactly once and in order is the only right answer.
 */
export async function verdict(
  database: TestDatabase,
  visitors: readonly ChaosVisitor[],
  agentOf: ReadonlyMap<string, ChaosAgent>,
): Promise<Verdict> {
  const rows = await database.query<{ id: string; last_seq: string }>(
    'SELECT id, last_seq FROM conversations',
  );
  const lastSeq = new Map(rows.map((row) => [row.id, Number(row.last_seq)]));
  for (const visitor of visitors) visitor.reconnect();
  for (const agent of new Set(agentOf.values())) agent.syncAll();
  await until(
    'every transcript complete',
    () =>
      visitors.every((v) => {
        const id = v.conversationId ?? '';
        const agentSide = agentOf.get(id)?.conversations.get(id)?.transcript;
        const last = lastSeq.get(id) ?? -1;
        return v.transcript.contiguous === last && agentSide?.contiguous === last;
      }),
    30_000,
  );

  const result: Verdict = {
    sent: 0,
    delivered: 0,
    duplicates: 0,
    lost: 0,
    outOfOrder: [],
    stored: 0,
    storedDistinct: 0,
  };
  for (const visitor of visitors) {
    const id = visitor.conversationId ?? '';
    const agentSide = agentOf.get(id)?.conversations.get(id);
    if (!agentSide) throw new Error(`agent lost track of ${id}`);
    const pairs = [
      { sentBy: visitor.sent, seenBy: agentSide.transcript.ordered(), author: 'visitor' },
      { sentBy: agentSide.sent, seenBy: visitor.transcript.ordered(), author: 'agent' },
    ];
    for (const { sentBy, seenBy, author } of pairs) {
      result.sent += sentBy.length;
      const received = seenBy.filter((m) => m.author === author).map((m) => m.text);
      result.delivered += received.length;
      result.duplicates += received.length - new Set(received).size;
      result.lost += sentBy.filter((text) => !received.includes(text)).length;
      if (received.join() !== sentBy.join()) result.outOfOrder.push(`${id} ${author}`);
    }
  }
  const stored = await database.query<{ n: string; distinct_n: string }>(
    `SELECT count(*) AS n, count(DISTINCT (conversation_id, author, client_msg_id)) AS distinct_n
       FROM messages WHERE author IN ('visitor', 'agent')`,
  );
  result.stored = Number(stored[0]?.n);
  result.storedDistinct = Number(stored[0]?.distinct_n);
  return result;
}
