import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  conversation,
  invitation,
  rule,
  seedVisitor,
  seedWidget,
  t0,
} from '../../ports/store-contract/fixtures.ts';
import type { Database } from '../sql/schema.ts';
import { openMigrated, SqlStore } from '../sql/sql-store.ts';
import { SqliteStore } from './sqlite-store.ts';

/**
 * The reads of a page view and of its rule check (visitor, widget, rules, the visitor's invitations), and the
 * invitation it may create, run as statements prepared once, not through Kysely; they answer exactly what the
 * dialect-neutral queries answer.
 */
let kyselyQueries: string[];
let store: SqliteStore;
let neutral: SqlStore;
let db: Kysely<Database>;
beforeEach(async () => {
  kyselyQueries = [];
  const database = new BetterSqlite3(':memory:');
  database.pragma('foreign_keys = ON');
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database }),
    log: (event) => {
      kyselyQueries.push(event.query.sql);
    },
  });
  store = await openMigrated(new SqliteStore({ db, database }));
  // The same connection through Kysely only: the reference answers.
  neutral = new SqlStore(db);
  await seedWidget(store, { proactiveEnabled: true });
  await seedVisitor(store, { name: 'Ann' });
  await seedVisitor(store, { id: 'vis_2' });
  await store.createRule(rule({ id: 'rul_2', priority: 5 }));
  await store.createRule(rule({ id: 'rul_1' }));
  await store.createInvitation(invitation({ id: 'inv_old', status: 'dismissed', createdAt: t0 - 5000 }));
  await store.createInvitation(invitation({ id: 'inv_a', createdAt: t0 }));
  await store.createInvitation(
    invitation({ id: 'inv_b', visitorId: 'vis_2', status: 'held', createdAt: t0 }),
  );
  await store.createConversation(conversation({ id: 'cnv_1' }));
});
afterEach(async () => {
  await store.close();
});

const reads = (s: SqlStore) =>
  Promise.all([
    s.getVisitor('vis_1'),
    s.getVisitor('vis_missing'),
    s.getWidget('wgt_1'),
    s.getWidget('wgt_missing'),
    s.listRules('wgt_1'),
    s.findShownInvitation('vis_1'),
    s.findShownInvitation('vis_2'),
    s.listInvitations('vis_1', t0 - 10_000),
    s.listInvitations('vis_1', t0 - 1000),
  ]);

describe('SqliteStore: the page view and rule check reads', () => {
  it('run no query through Kysely', async () => {
    kyselyQueries = [];
    await reads(store);
    expect(kyselyQueries).toEqual([]);
  });

  it('answer what the dialect-neutral queries answer', async () => {
    const hot = await reads(store);
    kyselyQueries = [];
    const reference = await reads(neutral);
    // The reference really went through Kysely (one query per read).
    expect(kyselyQueries).toHaveLength(9);
    expect(hot).toStrictEqual(reference);
    expect(hot[4]!.map((r) => r.id)).toEqual(['rul_1', 'rul_2']);
    expect(hot[7]!.map((i) => i.id)).toEqual(['inv_old', 'inv_a']);
  });

  it('wait for a Kysely transaction in progress and see its outcome, not its uncommitted writes', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = db.transaction().execute(async (tx) => {
      await tx
        .updateTable('visitors')
        .set({ last_seen_at: t0 + 1 })
        .where('id', '=', 'vis_1')
        .execute();
      await held;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const read = store.getVisitor('vis_1');
    release();
    await transaction;
    expect((await read)?.lastSeenAt).toBe(t0 + 1);
  });
});

describe('SqliteStore: the rule check creates its invitation, and its deadline closes it', () => {
  it('without Kysely, one shown at a time per visitor, stored as the dialect-neutral query reads it', async () => {
    kyselyQueries = [];
    const first = invitation({ id: 'inv_x', visitorId: 'vis_2', ruleId: 'rul_1', variant: 'b', smart: true });
    expect(await store.createInvitation(first)).toBe(true);
    expect(await store.createInvitation(invitation({ id: 'inv_y', visitorId: 'vis_2' }))).toBe(false);
    expect(kyselyQueries).toEqual([]);
    expect(await neutral.getInvitation('inv_x')).toStrictEqual(first);
    expect(await neutral.getInvitation('inv_y')).toBeUndefined();
  });

  it('reads and closes it without Kysely, once: the second close of a closed one is refused', async () => {
    kyselyQueries = [];
    expect(await store.getInvitation('inv_a')).toStrictEqual(await neutral.getInvitation('inv_a'));
    kyselyQueries = [];
    expect(await store.closeInvitation('inv_a', 'expired', t0 + 60_000)).toBe(true);
    expect(await store.closeInvitation('inv_a', 'dismissed', t0 + 61_000)).toBe(false);
    expect(await store.getInvitation('inv_missing')).toBeUndefined();
    expect(kyselyQueries).toEqual([]);
    expect(await neutral.getInvitation('inv_a')).toMatchObject({ status: 'expired', closedAt: t0 + 60_000 });
  });
});
