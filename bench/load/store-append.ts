/**
 * The SQLite relay's storage alone (docs/performance.md, "Load"): visitors' messages appended in batches by
 * `HotStatements.appendAll`, as the relay's batches do, with no sockets, clients or agents sharing the cores, so two
 * checkouts' storage can be compared with far less noise than the relay's closed loop. 1,000 open conversations
 * with a context of about 1 KiB, batches of 170 messages (the relay's mean at 1,000 conversations), a passive
 * checkpoint every ten batches; CPU per message over BENCH_STORE_WINDOWS (6) windows of 100 batches, as the
 * table grows.
 *
 *   node --import tsx bench/load/store-append.ts [checkout]   (default: this one; run it once per checkout)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConversationRow, NewVisitorMessage, Store } from '../../packages/server/src/ports/store.ts';

const tree = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../..'));
const from = (file: string) => import(path.join(tree, 'packages/server/src', file));
const { connectSqlite } = await from('adapters/sqlite/connection.ts');
const { SqlStore } = await from('adapters/sql/sql-store.ts');
const { HotStatements } = await from('adapters/sqlite/hot-statements.ts');
const fixtures = await from('ports/store-contract/fixtures.ts');

const CONVERSATIONS = 1000;
const BATCH = 170;
const WINDOWS = Number(process.env.BENCH_STORE_WINDOWS ?? 6);
const BATCHES_PER_WINDOW = 100;

const dir = mkdtempSync(path.join(os.tmpdir(), 'beckon-store-append-'));
try {
  const { db, database } = await connectSqlite({
    file: path.join(dir, 'beckon.sqlite'),
    synchronous: 'normal',
  });
  const store: Store = new SqlStore(db);
  await store.migrate();
  await store.createWidget(fixtures.widget({ id: 'wgt_1' }));
  const custom = Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [`key${i}`, `value ${i} of the page`]),
  );
  const context = { ...fixtures.contextSnapshot, custom };
  for (let i = 0; i < CONVERSATIONS; i++) {
    await store.createVisitor(fixtures.visitor({ id: `vis_${i}`, widgetId: 'wgt_1' }));
    const conversation: ConversationRow = fixtures.conversation({
      id: `cnv_${i}`,
      widgetId: 'wgt_1',
      visitorId: `vis_${i}`,
      status: 'active',
      agentId: 'usr_1',
      context,
    });
    await store.createConversation(conversation);
  }
  const hot = new HotStatements(database);
  const text = 'x'.repeat(100);
  let sent = 0;
  const batch = () =>
    Array.from({ length: BATCH }, () => {
      sent += 1;
      const message: NewVisitorMessage = {
        visitorId: `vis_${sent % CONVERSATIONS}`,
        text,
        clientMsgId: `c${sent}`,
        createdAt: Date.now(),
        authorName: () => 'Visitor',
      };
      return { kind: 'visitor' as const, message };
    });
  const windows: string[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    const before = process.cpuUsage();
    for (let b = 0; b < BATCHES_PER_WINDOW; b++) {
      hot.appendAll(batch());
      if (b % 10 === 9) database.pragma('wal_checkpoint(PASSIVE)');
    }
    const used = process.cpuUsage(before);
    windows.push(((used.user + used.system) / (BATCH * BATCHES_PER_WINDOW)).toFixed(1));
  }
  console.log(
    `${tree}: CPU µs per message, windows of ${BATCH * BATCHES_PER_WINDOW}: ${windows.join(' / ')}`,
  );
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
