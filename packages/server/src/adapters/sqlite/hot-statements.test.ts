import type { CustomerMatch } from '@beckon/protocol';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NewVisitorMessage, VisitorMessageAppended } from '../../ports/store.ts';
import { assign, seedAgent, seedConversation, t0 } from '../../ports/store-contract/fixtures.ts';
import type { Database } from '../sql/schema.ts';
import { SqlStore } from '../sql/sql-store.ts';
import { type BatchEntry, HotStatements } from './hot-statements.ts';

/** Every statement the connection runs, as better-sqlite3 reports them. */
let executed: string[];
let database: BetterSqlite3.Database;
let store: SqlStore;
let hot: HotStatements;
beforeEach(async () => {
  executed = [];
  database = new BetterSqlite3(':memory:', { verbose: (sql) => executed.push(String(sql)) });
  database.pragma('foreign_keys = ON');
  store = new SqlStore(new Kysely<Database>({ dialect: new SqliteDialect({ database }) }));
  await store.migrate();
  await seedConversation(store, { id: 'cnv_1' });
  hot = new HotStatements(database);
});
afterEach(async () => {
  await store.close();
});

const visitorSays = (text: string, clientMsgId = text): BatchEntry => ({
  kind: 'visitor',
  message: {
    visitorId: 'vis_1',
    text,
    clientMsgId,
    createdAt: t0,
    authorName: () => 'Visitor',
  } satisfies NewVisitorMessage,
});

/** The statements run by `run`, begin and commit left out. */
function statementsOf(run: () => unknown): string[] {
  executed = [];
  run();
  return executed.filter((sql) => !/^(begin|commit|savepoint|release)/i.test(sql));
}

describe('HotStatements: a visitor message in the batch', () => {
  it('reads the open conversation the first time, then only its last seq while its row is unchanged', () => {
    const first = statementsOf(() => hot.appendAll([visitorSays('a')]));
    expect(first).toHaveLength(2);
    expect(first[0]).toMatch(/^select .* from "conversations" where "visitor_id"/);
    expect(first[1]).toMatch(/^insert into "messages"/);
    const next = statementsOf(() => hot.appendAll(['b', 'c', 'd'].map((t) => visitorSays(t))));
    expect(next).toHaveLength(6);
    // One integer, not the row with its JSON, and only from the row at the version last read.
    const lastSeqOnly =
      /^select coalesce\(.*\) as "last_seq" from "conversations" where "id" = .* and "version" = /;
    expect(next.filter((sql) => lastSeqOnly.test(sql))).toHaveLength(3);
    expect(next.filter((sql) => /^insert into "messages"/.test(sql))).toHaveLength(3);
    // No conversation written, no client-id look-up: the seq is the index's highest, not a row read.
    expect([...first, ...next].filter((sql) => /^update|select \* from "messages"/.test(sql))).toEqual([]);
  });

  it('appends to the conversation as last read only while its row is stored at the version read', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    const sent = (text: string) =>
      hot.appendAll([visitorSays(text)])[0] as VisitorMessageAppended | undefined;
    expect(sent('a')?.conversation).toMatchObject({ status: 'waiting', queueId: 'que_1' });
    // Changes made behind the copy's back (another node, or a write this adapter does not track).
    expect(await assign(store, 'cnv_1', 'usr_a', t0 + 1)).toBe(true);
    expect(sent('b')?.conversation).toMatchObject({ status: 'active', agentId: 'usr_a', lastSeq: 1 });
    await seedAgent(store, 'usr_b');
    expect(await store.reassignConversation('cnv_1', 'usr_a', 'usr_b')).toBe(true);
    expect(sent('c')?.conversation.agentId).toBe('usr_b');
    await db.updateTable('conversations').set({ queue_id: 'que_2' }).where('id', '=', 'cnv_1').execute();
    expect(sent('d')?.conversation.queueId).toBe('que_2');
    const customer: CustomerMatch = { status: 'none', candidates: [], proposed: { name: 'Ada' } };
    await store.setConversationCustomer('cnv_1', customer);
    expect(sent('e')?.conversation.customer).toStrictEqual(customer);
    await store.endConversation('cnv_1', t0 + 2);
    expect(sent('too late')).toBeUndefined();
    await seedConversation(store, { id: 'cnv_2', createdAt: t0 + 3 });
    expect(sent('f')?.message).toMatchObject({ conversationId: 'cnv_2', seq: 1 });
    expect((await store.listMessages('cnv_1', 0)).map((m) => [m.seq, m.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ]);
  });

  it('takes an agent message’s seq without writing the conversation either', async () => {
    const run = statementsOf(() =>
      hot.appendAll([
        { kind: 'message', message: { conversationId: 'cnv_1', author: 'agent', text: 'x', createdAt: t0 } },
        visitorSays('a'),
        { kind: 'message', message: { conversationId: 'cnv_1', author: 'agent', text: 'y', createdAt: t0 } },
      ]),
    );
    expect(run.filter((sql) => /^update/.test(sql))).toEqual([]);
    expect((await store.listMessages('cnv_1', 0)).map((m) => [m.seq, m.text])).toEqual([
      [1, 'x'],
      [2, 'a'],
      [3, 'y'],
    ]);
    expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(3);
  });

  it('on a retried client id, undoes the bump and returns the stored message: seqs stay gapless', async () => {
    const [first] = hot.appendAll([visitorSays('a', 'k1')]) as VisitorMessageAppended[];
    const [retry, next] = hot.appendAll([
      visitorSays('a again', 'k1'),
      visitorSays('b'),
    ]) as VisitorMessageAppended[];
    expect(retry?.message).toStrictEqual(first?.message);
    expect(retry?.conversation.lastSeq).toBe(1);
    expect(next?.message.seq).toBe(2);
    expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(2);
    expect((await store.listMessages('cnv_1', 0)).map((m) => [m.seq, m.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('parses the conversation’s JSON columns once while their text is unchanged, again once it changes', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      hot.appendAll(['a', 'b', 'c'].map((t) => visitorSays(t)));
      hot.appendAll([visitorSays('d')]);
      expect(parse).toHaveBeenCalledTimes(2);
      await store.setConversationCustomer('cnv_1', {
        status: 'none',
        candidates: [],
        proposed: { name: 'Ada' },
      });
      parse.mockClear();
      const [after] = hot.appendAll([visitorSays('e')]) as VisitorMessageAppended[];
      expect(after?.conversation.customer).toStrictEqual({
        status: 'none',
        candidates: [],
        proposed: { name: 'Ada' },
      });
      expect(parse).toHaveBeenCalledTimes(2);
    } finally {
      parse.mockRestore();
    }
  });

  it('shares the parsed columns between messages frozen: changing them is an error, not a change to the next', () => {
    const [a] = hot.appendAll([visitorSays('a')]) as VisitorMessageAppended[];
    expect(() => {
      a!.conversation.customer.candidates.push({ id: 'cus_x' } as never);
    }).toThrow(TypeError);
    const [b] = hot.appendAll([visitorSays('b')]) as VisitorMessageAppended[];
    expect(b?.conversation.customer.candidates).toEqual([]);
  });
});
