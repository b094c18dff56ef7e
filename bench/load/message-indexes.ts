/**
 * What the messages table's indexes cost per message as the table grows (docs/performance.md, "Relay round 10"):
 * the relay's insert alone on a bare table shaped like Beckon's `messages`, with the (conversation, seq) index
 * and, with `client`, the (conversation, author, client id) unique index that makes a retried client id insert
 * nothing. Batches of 170 over 1,000 conversations in one transaction each, a passive checkpoint every ten
 * batches; CPU per message over 16 windows of 17,000 messages.
 *
 *   node bench/load/message-indexes.ts client && node bench/load/message-indexes.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

const withClientIndex = process.argv[2] === 'client';
const CONVERSATIONS = 1000;
const BATCH = 170;
const WINDOWS = 16;
const BATCHES_PER_WINDOW = 100;

const dir = mkdtempSync(path.join(os.tmpdir(), 'beckon-message-indexes-'));
try {
  const db = new BetterSqlite3(path.join(dir, 'messages.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table messages (id text primary key, conversation_id text not null, seq bigint not null,
    author text not null, author_name text, text text not null, client_msg_id text, created_at bigint not null);
    create unique index messages_conversation_seq on messages (conversation_id, seq);`);
  if (withClientIndex)
    db.exec(`create unique index messages_client_msg_id on messages (conversation_id, author, client_msg_id)
      where client_msg_id is not null`);
  const insert = db.prepare(
    `insert into messages (id, conversation_id, seq, author, author_name, text, client_msg_id, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)${withClientIndex ? ' on conflict (conversation_id, author, client_msg_id) where client_msg_id is not null do nothing' : ''}`,
  );
  const seqs = new Array<number>(CONVERSATIONS).fill(0);
  const text = 'x'.repeat(100);
  let sent = 0;
  const batch = db.transaction(() => {
    for (let i = 0; i < BATCH; i++) {
      const c = sent % CONVERSATIONS;
      sent += 1;
      seqs[c] = (seqs[c] ?? 0) + 1;
      // Time-ordered ids, as Beckon's (`newMessageId`); client ids unique per message, in no order.
      const id = `msg_${Date.now().toString(36)}${sent.toString(36).padStart(8, '0')}`;
      insert.run(
        id,
        `cnv_${c}_0123456789abcdef`,
        seqs[c],
        'visitor',
        'Visitor',
        text,
        `c-${sent}-0123456789`,
        Date.now(),
      );
    }
  });
  const windows: string[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    const before = process.cpuUsage();
    for (let b = 0; b < BATCHES_PER_WINDOW; b++) {
      batch();
      if (b % 10 === 9) db.pragma('wal_checkpoint(PASSIVE)');
    }
    const used = process.cpuUsage(before);
    windows.push(((used.user + used.system) / (BATCH * BATCHES_PER_WINDOW)).toFixed(1));
  }
  console.log(
    `${withClientIndex ? 'seq and client-id indexes' : 'seq index only'}: CPU µs per message, windows of ${BATCH * BATCHES_PER_WINDOW}: ${windows.join(' / ')}`,
  );
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
