import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NewVisitorMessage, VisitorMessageAppended } from '../../ports/store.ts';
import { seedConversation, t0 } from '../../ports/store-contract/fixtures.ts';
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
  it('takes two statements, the open conversation with its last seq and the insert, and writes no conversation', () => {
    const run = statementsOf(() => hot.appendAll(['a', 'b', 'c'].map((t) => visitorSays(t))));
    expect(run).toHaveLength(6);
    expect(run.filter((sql) => /^select .* from "conversations" where "visitor_id"/.test(sql))).toHaveLength(
      3,
    );
    expect(run.filter((sql) => /^insert into "messages"/.test(sql))).toHaveLength(3);
    expect(run.filter((sql) => /^update/.test(sql))).toEqual([]);
    // No client-id look-up: the seq is the index's highest, not a row read.
    expect(run.filter((sql) => /select \* from "messages"/.test(sql))).toEqual([]);
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
