import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rule, seedVisitor, seedWidget, t0, visitor, widget } from '../../ports/store-contract/fixtures.ts';
import type { Database } from '../sql/schema.ts';
import { openMigrated, SqlStore } from '../sql/sql-store.ts';
import { createSqliteStore, SqliteStore } from './sqlite-store.ts';
import { WalSync } from './wal-sync.ts';

/**
 * A visitor's arrival and departure (the upgrade's widget, the hello's visitor, secret, journey and socket row)
 * run as statements prepared once, not through Kysely, answer what the dialect-neutral queries answer, and
 * commit at `synchronous = NORMAL`: a commit at FULL waits for the disk on the event loop, and every visitor
 * says hello again at once after a restart.
 */
let kyselyQueries: string[];
/** Every statement better-sqlite3 ran, in order. */
let executed: string[];
let store: SqliteStore;
let neutral: SqlStore;
let db: Kysely<Database>;
beforeEach(async () => {
  kyselyQueries = [];
  executed = [];
  const database = new BetterSqlite3(':memory:', { verbose: (sql) => executed.push(String(sql)) });
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = full');
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database }),
    log: (event) => {
      kyselyQueries.push(event.query.sql);
    },
  });
  store = await openMigrated(new SqliteStore({ db, database }));
  // The same connection through Kysely only: the reference answers.
  neutral = new SqlStore(db);
  await seedWidget(store);
  await seedVisitor(store);
  await store.recordPageView({ id: 'pv_a', visitorId: 'vis_1', url: 'https://a', title: 'A', at: t0 });
  await store.recordPageView({
    id: 'pv_b',
    visitorId: 'vis_1',
    url: 'https://b',
    title: 'B',
    referrer: 'https://r',
    at: t0 + 10,
  });
  for (const [id, at] of [
    ['ve_1', t0 + 1],
    ['ve_2', t0 + 2],
    ['ve_3', t0 + 3],
  ] as const) {
    await store.addVisitEvent({ id, visitorId: 'vis_1', visitStartedAt: t0, name: id, props: { n: 1 }, at });
  }
  await store.setVisitorSecretHash('vis_1', 'a'.repeat(64), t0);
});
afterEach(async () => {
  await store.close();
});

const reads = (s: SqlStore) =>
  Promise.all([
    s.getWidgetByKey('key_1'),
    s.getWidgetByKey('key_missing'),
    s.getVisitorSecretHash('vis_1'),
    s.getVisitorSecretHash('vis_missing'),
    s.listPageViews('vis_1', t0),
    s.listPageViews('vis_1', t0 + 5),
    s.lastPageViewBefore('vis_1', t0 + 10),
    s.lastPageViewBefore('vis_1', t0),
    s.listVisitEvents('vis_1', t0, 2),
    s.listVisitEvents('vis_1', t0 + 1, 10),
  ]);

/** The synchronous mode each write ran at, following the `pragma synchronous` statements in `executed`. */
function writeModes(): string[] {
  let mode = 'full';
  const modes: string[] = [];
  for (const sql of executed) {
    const set = /^pragma synchronous = (\w+)/i.exec(sql);
    if (set) mode = set[1] === '1' || set[1] === 'normal' ? 'normal' : 'full';
    else if (/^(insert|update|delete)/i.test(sql)) modes.push(mode);
  }
  return modes;
}

describe('SqliteStore: a visitor arriving and leaving', () => {
  it('reads without Kysely, answering what the dialect-neutral queries answer', async () => {
    kyselyQueries = [];
    const hot = await reads(store);
    expect(kyselyQueries).toEqual([]);
    const reference = await reads(neutral);
    expect(kyselyQueries).toHaveLength(10);
    expect(hot).toStrictEqual(reference);
    expect(hot[4]!.map((v) => v.id)).toEqual(['pv_a', 'pv_b']);
    expect(hot[8]!.map((e) => e.id)).toEqual(['ve_2', 've_3']);
  });

  it('writes without Kysely, at synchronous NORMAL, leaving what the dialect-neutral writes leave', async () => {
    kyselyQueries = [];
    executed = [];
    await store.createVisitor(visitor({ id: 'vis_2' }));
    expect(await store.setVisitorSecretHash('vis_2', 'b'.repeat(64), t0)).toBe(true);
    expect(await store.setVisitorSecretHash('vis_2', 'c'.repeat(64), t0)).toBe(false);
    await store.updateVisitor(visitor({ id: 'vis_2', lastSeenAt: t0 + 5, visitCount: 2, name: 'Bo' }));
    await store.addVisitorConnection('node_a', 'vis_2');
    await store.addVisitorConnection('node_a', 'vis_2');
    await store.removeVisitorConnection('node_a', 'vis_1', t0 + 7);
    expect(kyselyQueries).toEqual([]);
    const modes = writeModes();
    expect(modes.length).toBeGreaterThanOrEqual(8);
    expect(modes.every((mode) => mode === 'normal')).toBe(true);
    // The connection's own mode is back to FULL for the writes that need it.
    expect(executed.filter((sql) => /^pragma synchronous = /i.test(sql)).at(-1)).toMatch(/= 2$/);

    // The same writes through Kysely on another visitor: the rows read back alike.
    await neutral.createVisitor(visitor({ id: 'vis_3' }));
    await neutral.setVisitorSecretHash('vis_3', 'b'.repeat(64), t0);
    await neutral.updateVisitor(visitor({ id: 'vis_3', lastSeenAt: t0 + 5, visitCount: 2, name: 'Bo' }));
    await neutral.addVisitorConnection('node_a', 'vis_3');
    expect({ ...(await neutral.getVisitor('vis_2')), id: 'vis_3' }).toStrictEqual(
      await neutral.getVisitor('vis_3'),
    );
    expect(await neutral.getVisitorSecretHash('vis_2')).toBe('b'.repeat(64));
    const gone = await db.selectFrom('visitors').select(['id', 'gone_since']).orderBy('id').execute();
    expect(gone).toEqual([
      { id: 'vis_1', gone_since: t0 + 7 },
      { id: 'vis_2', gone_since: null },
      { id: 'vis_3', gone_since: null },
    ]);
    expect(await db.selectFrom('visitor_connections').selectAll().orderBy('visitor_id').execute()).toEqual([
      { node_id: 'node_a', visitor_id: 'vis_2' },
      { node_id: 'node_a', visitor_id: 'vis_3' },
    ]);
  });
});

describe('SqliteStore: the widget the rule check and the upgrade read', () => {
  it('is one frozen row per widget while unchanged, parsed again once changed anywhere', async () => {
    const first = await store.getWidget('wgt_1');
    expect(first).toStrictEqual(widget());
    expect(await store.getWidget('wgt_1')).toBe(first);
    expect(await store.getWidgetByKey('key_1')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.allowedOrigins)).toBe(true);
    expect(() => {
      (first as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    // Changed through Kysely (as another node's change lands in a shared database): the next read sees it.
    await neutral.updateWidget({ ...widget(), title: 'New title', allowedOrigins: ['https://b.example'] });
    const changed = await store.getWidget('wgt_1');
    expect(changed).not.toBe(first);
    expect(changed).toStrictEqual(await neutral.getWidget('wgt_1'));
    expect(changed?.title).toBe('New title');
    expect(await store.getWidgetByKey('key_1')).toBe(changed);
  });
});

describe('SqliteStore: the rules every rule check reads', () => {
  it('are the same frozen objects while unchanged, read afresh once one changed', async () => {
    await store.createRule(rule({ id: 'rul_2', priority: 5 }));
    await store.createRule(rule({ id: 'rul_1' }));
    const first = await store.listRules('wgt_1');
    expect(first).toStrictEqual(await neutral.listRules('wgt_1'));
    const again = await store.listRules('wgt_1');
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    expect(Object.isFrozen(first[0]?.conditions)).toBe(true);
    await neutral.updateRule(rule({ id: 'rul_2', priority: 5, enabled: false, updatedAt: t0 + 1 }));
    const changed = await store.listRules('wgt_1');
    expect(changed[0]).toBe(first[0]);
    expect(changed[1]).not.toBe(first[1]);
    expect(changed).toStrictEqual(await neutral.listRules('wgt_1'));
    expect(changed[1]?.enabled).toBe(false);
  });
});

describe('SqliteStore on disk: the visitor secret', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'beckon-visitor-'));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('is stored once the log is flushed: the welcome hands it out after the answer', async () => {
    const disk = await createSqliteStore({ file: join(dir, 'beckon.sqlite') });
    try {
      await seedWidget(disk);
      await disk.createVisitor(visitor());
      let flushed!: () => void;
      const sync = vi.spyOn(WalSync.prototype, 'sync').mockImplementation(
        () =>
          new Promise<void>((resolve) => {
            flushed = resolve;
          }),
      );
      let answered = false;
      const stored = disk.setVisitorSecretHash('vis_1', 'a'.repeat(64), t0).then((result) => {
        answered = true;
        return result;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(sync).toHaveBeenCalled();
      expect(answered).toBe(false);
      flushed();
      expect(await stored).toBe(true);
    } finally {
      await disk.close();
    }
  });
});
