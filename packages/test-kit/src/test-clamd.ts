import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real ClamAV daemon for tests, started from Debian's clamav-daemon with a signature database of its own (one
 * signature, for the EICAR test file): the official databases cannot be downloaded everywhere tests run, and
 * they take a minute and a gigabyte to load. Each daemon has its own folder, socket and config file.
 */

/** The standard antivirus test file, put together at run time so that this source is not itself flagged. */
export const eicar = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR', '-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

/** The name clamd reports for it: the database's name with `.UNOFFICIAL`, as for any local signature. */
export const eicarSignature = 'Beckon.Test.EICAR.UNOFFICIAL';

const candidates = ['/usr/sbin/clamd', '/usr/local/sbin/clamd', '/usr/bin/clamd'];

/** Where clamd is installed, or undefined. */
export function clamdBinary(): string | undefined {
  return candidates.find((candidate) => existsSync(candidate));
}

/**
 * Whether the clamd tests run here. On CI (`CI=true`) clamd must be installed (.ci/run installs it), so a missing
 * one fails loudly instead of skipping; elsewhere the tests are skipped with a message saying how to run them.
 */
export function clamdAvailable(): boolean {
  if (clamdBinary()) return true;
  if (process.env.CI === 'true') {
    throw new Error("clamd is not installed but CI=true: install Debian's clamav-daemon (.ci/run does).");
  }
  console.warn(
    'Skipping the antivirus tests: clamd is not installed (apt-get install clamav-daemon to run them).',
  );
  return false;
}

export interface TestClamd {
  /** Its unix socket, the value for BECKON_CLAMAV. */
  socketPath: string;
  stop(): Promise<void>;
}

export async function startTestClamd(): Promise<TestClamd> {
  const binary = clamdBinary();
  if (!binary) throw new Error('clamd is not installed');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beckon-clamd-'));
  const database = path.join(dir, 'db');
  const socketPath = path.join(dir, 'clamd.sock');
  const configFile = path.join(dir, 'clamd.conf');
  await mkdir(database);
  const hex = Buffer.from(eicar, 'latin1').toString('hex');
  // An extended signature (.ndb): name, any file type (0), anywhere in the file (*), the bytes in hex.
  await writeFile(path.join(database, 'beckon-test.ndb'), `Beckon.Test.EICAR:0:*:${hex}\n`);
  await writeFile(
    configFile,
    [
      'Foreground yes',
      `LocalSocket ${socketPath}`,
      `DatabaseDirectory ${database}`,
      `TemporaryDirectory ${dir}`,
      'LogTime no',
      // The package's own service may be installed beside it: this daemon never reads its files.
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      '',
    ].join('\n'),
  );
  const child = spawn(binary, [`--config-file=${configFile}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await answersPing(socketPath, child, () => errors);
  } catch (error) {
    await stop();
    throw error;
  }
  return { socketPath, stop };
}

/** Waits for the daemon to load its database and answer PING (under a second with one signature). */
async function answersPing(socketPath: string, child: ChildProcess, errors: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`clamd exited (${child.exitCode}): ${errors()}`);
    if (await ping(socketPath)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`clamd did not answer PING within 60 s: ${errors()}`);
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path: socketPath });
    let reply = '';
    socket.on('connect', () => socket.write('zPING\0'));
    socket.on('data', (data) => {
      reply += data.toString();
      if (reply.includes('\0')) {
        socket.destroy();
        resolve(reply.startsWith('PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
