import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashSecret, newSecret } from '../src/domain/visitors/visitor-credentials.ts';
import { type Harness, startHarness, visitor } from './harness.ts';

/**
 * A visitor's hello on one SQLite node: the upgrade, hello → welcome, the live list and the first rule check.
 * Every visitor says hello again at once when a node restarts, so what a hello costs is what the restart costs:
 * this counts the statements it runs and the writes it makes at `synchronous = FULL` (each a wait for the disk on
 * the event loop; 4 per new visitor before the hello's writes were committed at NORMAL, with the secret's flush
 * off the loop). A count, not a time: it does not depend on the machine's load.
 */
const maxStatementsNewVisitor = 20;
const maxStatementsReturning = 24;

type Run = (...args: unknown[]) => unknown;
const statementProto = Object.getPrototypeOf(new BetterSqlite3(':memory:').prepare('select 1')) as Record<
  'run' | 'get' | 'all' | 'iterate',
  Run
>;
const originals = { ...statementProto };
/** Statements run while recording, each with the connection's `synchronous` mode when it ran. */
let recorded: { sql: string; mode: string }[] | undefined;
/** The node's connection starts at FULL (the default, `BECKON_SQLITE_SYNCHRONOUS`). */
let mode = 'full';

let h: Harness;
beforeAll(async () => {
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = originals[method];
    statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
      const sql = this.source.trim();
      const set = /^pragma synchronous\s*=\s*(\w+)/i.exec(sql);
      if (set) mode = ['1', 'normal'].includes(set[1]!.toLowerCase()) ? 'normal' : 'full';
      // The mode's own reads and writes are bookkeeping around the commits, not the hello's statements.
      else if (!/^pragma /i.test(sql)) recorded?.push({ sql, mode });
      return original.apply(this, args);
    };
  }
  h = await startHarness();
});
afterAll(async () => {
  Object.assign(statementProto, originals);
  await h?.close();
});

async function helloStatements(extra: Record<string, unknown> = {}) {
  recorded = [];
  const socket = await visitor(h, undefined, extra);
  // Frames are handled in order: the pong comes once the hello's rule check is done.
  socket.send({ type: 'ping' });
  await socket.next('pong');
  const statements = recorded;
  recorded = undefined;
  return { socket, statements };
}

const fullWrites = (statements: { sql: string; mode: string }[]) =>
  statements.filter(({ sql, mode }) => mode === 'full' && /^(insert|update|delete|commit)/i.test(sql));

it('a new visitor’s hello runs a bounded number of statements and writes nothing at synchronous FULL', async () => {
  const { socket, statements } = await helloStatements();
  expect(fullWrites(statements)).toEqual([]);
  expect(statements.length).toBeLessThanOrEqual(maxStatementsNewVisitor);
  // Nothing to read back of a journey that starts with this hello.
  expect(statements.filter(({ sql }) => /from "(page_views|visit_events)"/.test(sql))).toEqual([]);
  await socket.close();
});

it('a returning visitor’s hello too (as after a restart: known to the store, not to the node)', async () => {
  const { store } = h.node;
  const at = h.clock.now() - 60_000;
  const widget = (await store.getWidget(h.demoWidgetId))!;
  const known = {
    id: 'vis_back',
    widgetId: widget.id,
    createdAt: at,
    lastSeenAt: at,
    visitCount: 1,
    visitStartedAt: at,
  };
  await store.createVisitor(known);
  const secret = newSecret();
  await store.setVisitorSecretHash(known.id, hashSecret(secret), at);
  await store.recordPageView({ id: 'pgv_back', visitorId: known.id, url: `${h.origin}/a`, title: 'A', at });
  const { socket, statements } = await helloStatements({ visitorId: known.id, secret });
  expect(socket.all('welcome')[0]?.visitorId).toBe(known.id);
  expect(fullWrites(statements)).toEqual([]);
  expect(statements.length).toBeLessThanOrEqual(maxStatementsReturning);
  await socket.close();
});
