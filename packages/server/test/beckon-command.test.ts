// Over 300 lines: every `beckon` subcommand run as a real process against real stores, one block per command.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { VisitorServerFrame } from '@beckon/protocol';
import { login, TestSocket } from '@beckon/test-kit';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrationCount } from '../src/composition/migration-state.ts';
import { type Harness, hello, startHarness } from './harness.ts';
import { LocalS3Server } from './s3-server.ts';

/** The `beckon` command as a child process, from the sources as `npm run beckon` runs it, on temporary SQLite. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs: string[] = [];
const servers: Server[] = [];
const held: Socket[] = [];
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
  // A server closes once its connections have: end the silent ones first.
  for (const socket of held.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'beckon-command-'));
  dirs.push(dir);
  return dir;
}

/** The environment without whatever store, Redis or address the machine running the tests points at. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(BECKON_|DATABASE_URL$|REDIS_URL$|DATA_DIR$|PORT$|HOST$)/.test(name),
    ),
  );
  return { ...env, HOST: '127.0.0.1', ...extra };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function beckon(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['--import', 'tsx', 'packages/server/src/cli/main.ts', ...args],
      { cwd: repoRoot, env: cleanEnv(env), timeout: 150_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A port nothing listens on: opened by the system, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server that accepts connections and never says a word: what a firewall's tarpit or a hung server does. */
async function silentServer(): Promise<number> {
  const server = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return (server.address() as { port: number }).port;
}

const signsIn = (url: string, email: string, password: string) =>
  login(url, email, password).then(
    () => true,
    () => false,
  );

describe('beckon migrate', () => {
  it('creates the schema in a new data folder, and a second run changes nothing', async () => {
    const dataDir = tempDir();
    const first = await beckon(['migrate'], { DATA_DIR: dataDir });
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain(`${knownMigrationCount} migrations applied`);
    const second = await beckon(['migrate'], { DATA_DIR: dataDir });
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toContain('already up to date');
    const db = new Database(path.join(dataDir, 'beckon.sqlite'), { readonly: true });
    try {
      const applied = db.prepare('select count(*) as n from kysely_migration').get() as { n: number };
      expect(applied.n).toBe(knownMigrationCount);
      const tables = db.prepare("select name from sqlite_master where type = 'table'").all();
      expect(tables).toEqual(expect.arrayContaining([{ name: 'users' }, { name: 'conversations' }]));
    } finally {
      db.close();
    }
  }, 180_000);
});

describe('beckon create-admin and reset-password', () => {
  it('adds an admin who signs in over HTTP; reset-password changes the password; a second admin with the same e-mail is refused', async () => {
    h = await startHarness();
    const env = { DATA_DIR: h.dataDir! };
    const created = await beckon(
      ['create-admin', 'Boss@Example.com', 'first-password', '--name', 'Boss'],
      env,
    );
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toContain('New admin boss@example.com, password: first-password');
    const cookie = await login(h.url, 'boss@example.com', 'first-password');
    const me = await fetch(`${h.url}/v1/auth/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({
      user: { email: 'boss@example.com', name: 'Boss', role: 'admin' },
    });

    const again = await beckon(['create-admin', 'boss@example.com'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists; to set its password, run: beckon reset-password');

    const reset = await beckon(['reset-password', 'boss@example.com'], env);
    expect(reset).toMatchObject({ code: 0 });
    const printed = /New password for boss@example\.com: (\S+)/.exec(reset.stdout)?.[1];
    expect(printed).toMatch(/^[\w-]{16}$/);
    expect(await signsIn(h.url, 'boss@example.com', 'first-password')).toBe(false);
    expect(await signsIn(h.url, 'boss@example.com', printed!)).toBe(true);
  }, 180_000);
});

describe('beckon doctor', () => {
  it('exports a visitor as JSON, refuses to erase without --yes, then erases them everywhere', async () => {
    h = await startHarness();
    const env = { DATA_DIR: h.dataDir! };
    const socket = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo`, {
      origin: h.origin,
    });
    socket.send(hello(`${h.origin}/demo/pricing.html`));
    const { visitorId } = await socket.next('welcome');
    await socket.close();

    const exported = await beckon(['export', 'visitor', visitorId], env);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as { subject: unknown; visitors: { id: string }[] };
    expect(data.subject).toEqual({ type: 'visitor', id: visitorId });
    expect(data.visitors.map((v) => v.id)).toEqual([visitorId]);

    const unconfirmed = await beckon(['erase', 'visitor', visitorId], env);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(await h.node.store.getVisitor(visitorId)).toBeDefined();

    const erased = await beckon(['erase', 'visitor', visitorId, '--yes'], env);
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain(`Erased visitor ${visitorId}`);
    expect(await h.node.store.getVisitor(visitorId)).toBeUndefined();
    const trail = await h.node.store.listAuditEntries({ action: 'visitor.erased', limit: 5 });
    expect(trail).toMatchObject([{ actorId: null, targetType: 'visitor' }]);

    const unknown = await beckon(['export', 'customer', 'cus_nobody'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No customer cus_nobody');
    expect((await beckon(['export', 'someone', 'x'], env)).stderr).toContain('"customer" or a "visitor"');
  }, 240_000);

  it('passes on a good configuration, and says the store has no tables yet, then that it is migrated, then that a migration is missing', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, PORT: String(await closedPort()) };
    const fresh = await beckon(['doctor'], env);
    expect(fresh.stdout).toContain('its folder is writable, no Beckon tables yet');
    expect(fresh.stdout).toContain('Everything looks right.');
    expect(fresh.code).toBe(0);
    await beckon(['migrate'], env);
    const migrated = await beckon(['doctor'], env);
    expect(migrated.stdout).toMatch(
      new RegExp(
        `✓ The SQLite database .*: its folder is writable, all ${knownMigrationCount} migrations applied`,
      ),
    );
    expect(migrated.code).toBe(0);
    // As after installing a newer version: the store lacks that version's last migration.
    const db = new Database(path.join(dataDir, 'beckon.sqlite'));
    db.prepare('delete from kysely_migration where name = (select max(name) from kysely_migration)').run();
    db.close();
    const behind = await beckon(['doctor'], env);
    expect(behind.stdout).toContain(
      `has 1 of ${knownMigrationCount} migrations not applied yet. Run beckon migrate`,
    );
    expect(behind.code).toBe(1);
  }, 240_000);

  it('reports a malformed and an unreachable DATABASE_URL in words, with exit code 1', async () => {
    const [malformed, unreachable] = await Promise.all([
      beckon(['doctor'], { DATABASE_URL: 'mysql://beckon@127.0.0.1/beckon' }),
      beckon(['doctor'], { DATABASE_URL: `postgres://beckon:secret@127.0.0.1:${await closedPort()}/beckon` }),
    ]);
    expect(malformed.code).toBe(1);
    expect(malformed.stdout).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(malformed.stdout).toContain('Fix the environment variable named');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toMatch(
      /✗ PostgreSQL at postgres:\/\/beckon:\*\*\*@127\.0\.0\.1:\d+\/beckon cannot be reached/,
    );
    expect(unreachable.stdout).not.toContain('secret');
    expect(unreachable.stdout).toContain('Check that the server runs');
  }, 180_000);

  it('reports an unreachable Redis, and one that never answers within the timeout', async () => {
    const dataDir = tempDir();
    const [refused, silent] = await Promise.all([
      beckon(['doctor'], { DATA_DIR: dataDir, REDIS_URL: `redis://127.0.0.1:${await closedPort()}` }),
      beckon(['doctor', '--timeout', '1'], {
        DATA_DIR: dataDir,
        REDIS_URL: `redis://127.0.0.1:${await silentServer()}`,
      }),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/✗ Redis at redis:\/\/127\.0\.0\.1:\d+ cannot be reached/);
    expect(refused.stdout).toContain('unset REDIS_URL to run a single node');
    expect(silent.code).toBe(1);
    expect(silent.stdout).toMatch(/✗ Redis at redis:\/\/127\.0\.0\.1:\d+ did not answer within 1 s/);
  }, 180_000);

  it('checks the S3 bucket when files go there: usable, missing, never answering, or not configured enough', async () => {
    const s3 = await LocalS3Server.start(['beckon']);
    try {
      const base = {
        DATA_DIR: tempDir(),
        PORT: String(await closedPort()),
        BECKON_BLOBS: 's3',
        BECKON_S3_ENDPOINT: s3.endpoint,
        BECKON_S3_ACCESS_KEY_ID: 'S3RVER',
        BECKON_S3_SECRET_ACCESS_KEY: 'S3RVER',
      };
      const silent = `http://127.0.0.1:${await silentServer()}`;
      const [good, missing, late, unset] = await Promise.all([
        beckon(['doctor'], { ...base, BECKON_S3_BUCKET: 'beckon', BECKON_S3_PREFIX: 'site/files/' }),
        beckon(['doctor'], { ...base, BECKON_S3_BUCKET: 'nothing-here' }),
        beckon(['doctor', '--timeout', '1'], {
          ...base,
          BECKON_S3_BUCKET: 'beckon',
          BECKON_S3_ENDPOINT: silent,
        }),
        beckon(['doctor'], { DATA_DIR: tempDir(), BECKON_BLOBS: 's3' }),
      ]);
      expect(good.stdout).toContain(
        `✓ The S3 bucket beckon at ${s3.endpoint}: reachable, files can be written and deleted there.`,
      );
      expect(good.code).toBe(0);
      expect(missing.stdout).toContain(
        `✗ The S3 bucket nothing-here at ${s3.endpoint} cannot be used: no such bucket`,
      );
      expect(missing.code).toBe(1);
      expect(late.stdout).toContain(`✗ The S3 bucket beckon at ${silent} did not answer within 1 s`);
      expect(late.code).toBe(1);
      expect(unset.stdout).toContain('BECKON_BLOBS=s3 needs BECKON_S3_BUCKET');
      expect(unset.code).toBe(1);
      // The probe object is gone again.
      const client = new S3Client({ ...s3.settings('beckon') });
      const listed = await client.send(new ListObjectsV2Command({ Bucket: 'beckon' }));
      client.destroy();
      expect(listed.Contents ?? []).toEqual([]);
    } finally {
      await s3.close();
    }
  }, 180_000);

  it('reports a bad public address, plain http console origins, a data folder it cannot write and a busy port', async () => {
    const busy = await silentServer();
    const [notHttps, withPath, origins, proc] = await Promise.all([
      beckon(['doctor'], { DATA_DIR: tempDir(), BECKON_PUBLIC_URL: 'http://chat.example.com' }),
      beckon(['doctor'], { DATA_DIR: tempDir(), BECKON_PUBLIC_URL: 'https://chat.example.com/beckon/' }),
      beckon(['doctor'], { DATA_DIR: tempDir(), BECKON_CONSOLE_ORIGINS: 'http://admin.example.com' }),
      beckon(['doctor'], { DATA_DIR: '/proc/beckon-data', PORT: String(busy) }),
    ]);
    for (const run of [notHttps, withPath, origins, proc]) expect(run.code).toBe(1);
    expect(notHttps.stdout).toContain('is not https: browsers would send the session cookie in the clear');
    expect(withPath.stdout).toContain('Set it to https://chat.example.com.');
    expect(origins.stdout).toContain('BECKON_CONSOLE_ORIGINS has plain http origins');
    expect(proc.stdout).toContain('The data directory /proc/beckon-data cannot be written to');
    expect(proc.stdout).toContain(
      `Port ${busy} on 127.0.0.1 (PORT) cannot be opened: something else listens there`,
    );
    expect(proc.stdout).toContain('2 problems found.');
  }, 180_000);
});

describe('beckon arguments', () => {
  it('explains a missing argument, an unknown command, a bad option or e-mail, a data folder it cannot create, with exit code 1; prints its version', async () => {
    const env = { DATA_DIR: tempDir() };
    const [missing, unknown, badTimeout, badEmail, shortPassword, version] = await Promise.all([
      beckon(['create-admin'], env),
      beckon(['strat'], env),
      beckon(['doctor', '--timeout', 'soon'], env),
      beckon(['create-admin', 'not-an-address'], env),
      beckon(['reset-password', 'admin@beckon.local', 'short'], env),
      beckon(['version'], env),
    ]);
    const unwritable = await beckon(['start'], { DATA_DIR: '/proc/beckon-data', PORT: '0' });
    for (const run of [missing, unknown, badTimeout, badEmail, shortPassword, unwritable])
      expect(run.code).toBe(1);
    expect(missing.stderr).toContain("missing required argument 'email'");
    expect(unknown.stderr).toContain("unknown command 'strat'");
    expect(unknown.stderr).toContain('(Did you mean start?)');
    expect(badTimeout.stderr).toContain('expected a number of seconds');
    expect(badEmail.stderr).toContain('"not-an-address" is not an e-mail address.');
    expect(shortPassword.stderr).toContain('at least 8 characters');
    expect(unwritable.stderr).toContain('The data directory /proc/beckon-data cannot be created (ENOENT).');
    expect(version).toMatchObject({ code: 0 });
    expect(version.stdout).toMatch(
      new RegExp(
        `^beckon \\d+\\.\\d+\\.\\d+ \\(realtime protocol \\d+, ${knownMigrationCount} database migrations`,
      ),
    );
  }, 180_000);
});
