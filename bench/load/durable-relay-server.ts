/**
 * The ceiling for the relay (docs/performance.md, "Load"): the least a durable relay can do per message, on the
 * same storage as Beckon. A bare `ws` server that parses the frame, runs ONE prepared INSERT into Beckon's
 * `messages` table (created by Beckon's own migrations, so the same columns, indexes and foreign key), commits
 * the turn's messages in one transaction at `synchronous = NORMAL`, flushes the log with `fdatasync` on the
 * thread pool (Beckon's `WalSync`), then acks each message on its socket. The log is kept small the way Beckon
 * keeps it (`BackgroundCheckpointer`, its commits paused for the thread's catch-up as Beckon's are), so the only
 * difference from Beckon on SQLite is the relay's own work.
 *
 * Not done, because the ceiling leaves it out: validating the frame against the protocol's schema, looking up
 * the visitor's open conversation, the client-id retry check and the conversation's last seq (seqs are counted in
 * memory per socket), and the copy to the agent. Each socket gets a conversation of its own when it connects.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { SqlStore } from '../../packages/server/src/adapters/sql/sql-store.ts';
import {
  BackgroundCheckpointer,
  DEFAULT_WAL_BOUND,
} from '../../packages/server/src/adapters/sqlite/checkpointer.ts';
import { connectSqlite } from '../../packages/server/src/adapters/sqlite/connection.ts';
import { WalSync } from '../../packages/server/src/adapters/sqlite/wal-sync.ts';
import { conversation, visitor, widget } from '../../packages/server/src/ports/store-contract/fixtures.ts';
import { serveCpuWindows } from './cpu-window.ts';
import type { FromNode, ToNode } from './ipc.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-ceiling-'));
const file = path.join(dataDir, 'ceiling.sqlite');
const connection = await connectSqlite({ file, synchronous: 'normal' });
const store = new SqlStore(connection.db);
await store.migrate();
const { database } = connection;
database.pragma('wal_autocheckpoint = 0');
database.pragma(`journal_size_limit = ${DEFAULT_WAL_BOUND.sizeLimitBytes}`);
// The thread's catch-up as Beckon's store has it: commits held while the thread copies the end of the log.
let paused = false;
const checkpointer = new BackgroundCheckpointer(
  file,
  (error) => process.stderr.write(`checkpointer failed: ${String(error)}\n`),
  {
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      schedule();
    },
    // Every write here is synchronous, so a checkpoint run from a callback is always between two writes.
    catchUp: async () => void database.pragma('wal_checkpoint(PASSIVE)'),
  },
);
const wal = new WalSync(`${file}-wal`);
await store.createWidget(widget({ id: 'wgt_ceiling' }));

const insert = database.prepare(
  'insert into "messages" ("id", "conversation_id", "seq", "author", "author_name", "text", "client_msg_id", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?)',
);
const begin = database.prepare('begin');
const commit = database.prepare('commit');

interface Pending {
  ack: (frame: string) => void;
  conversationId: string;
  seq: number;
  clientMsgId: string;
  text: string;
  createdAt: number;
}

let turn: Pending[] = [];
let scheduled = false;
/** After the poll phase: every frame read from the sockets in this turn is in the batch by then. */
function schedule(): void {
  if (scheduled || paused || turn.length === 0) return;
  scheduled = true;
  setImmediate(flushTurn);
}

function flushTurn(): void {
  scheduled = false;
  if (paused) return;
  const batch = turn;
  turn = [];
  begin.run();
  for (const m of batch)
    insert.run(
      `msg_${randomUUID().replaceAll('-', '')}`,
      m.conversationId,
      m.seq,
      'visitor',
      null,
      m.text,
      m.clientMsgId,
      m.createdAt,
    );
  commit.run();
  // Acknowledged only once the commit is on disk, as Beckon does (ADR 0003).
  wal.sync().then(
    () => {
      for (const m of batch)
        m.ack(
          JSON.stringify({
            type: 'message.ack',
            clientMsgId: m.clientMsgId,
            seq: m.seq,
            createdAt: m.createdAt,
          }),
        );
    },
    (error: unknown) => process.stderr.write(`log flush failed: ${String(error)}\n`),
  );
}

let sockets = 0;
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (ws) => {
  const n = sockets++;
  const conversationId = `cnv_ceiling_${n}`;
  let seq = 0;
  const ready = (async () => {
    await store.createVisitor(visitor({ id: `vis_ceiling_${n}`, widgetId: 'wgt_ceiling' }));
    await store.createConversation(
      conversation({
        id: conversationId,
        widgetId: 'wgt_ceiling',
        visitorId: `vis_ceiling_${n}`,
        status: 'active',
      }),
    );
  })();
  let created = false;
  void ready.then(() => {
    created = true;
  });
  const ack = (frame: string) => ws.send(frame);
  const take = (frame: { clientMsgId: string; text: string }) => {
    seq += 1;
    const createdAt = Date.now();
    turn.push({ ack, conversationId, seq, clientMsgId: frame.clientMsgId, text: frame.text, createdAt });
    schedule();
  };
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { clientMsgId: string; text: string };
    // Frames before the socket's conversation exists (never in the measured window) wait for it, in order.
    if (created) take(frame);
    else void ready.then(() => take(frame));
  });
});
serveCpuWindows();
wss.on('listening', () => {
  const address = wss.address();
  process.send?.({
    type: 'ready',
    port: typeof address === 'object' && address ? address.port : 0,
  } satisfies FromNode);
});
process.on('message', (message: ToNode) => {
  if (message.type !== 'stop') return;
  wss.close(async () => {
    await checkpointer.stop();
    await wal.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
