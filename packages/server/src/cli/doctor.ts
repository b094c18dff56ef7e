// Over 300 lines: every check of `beckon doctor` (configuration, database, Redis, clamd, URLs, ports), each bounded in time and saying in plain words how to fix what it finds.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { S3Settings } from '../blob-storage-config.ts';
import { checkS3Bucket } from '../composition/configured-blob-store.ts';
import { openConfiguredVirusScanner } from '../composition/configured-virus-scanner.ts';
import { knownMigrationCount, sqliteMigrationsApplied } from '../composition/migration-state.ts';
import { type Config, ConfigError, describeClamdAddress, loadConfig } from '../config.ts';
import { makeDirectory } from '../data-dir.ts';

/** One thing `beckon doctor` looked at: fine, or what is wrong and how to put it right, in plain words. */
export interface Finding {
  ok: boolean;
  text: string;
}

const localHosts = ['localhost', '127.0.0.1', '[::1]'];

/**
 * `beckon doctor`: checks the configuration against the machine it runs on, without changing anything. Each
 * check that waits on something outside (a disk, a server, a port) gives up after `timeoutMs`, so a dead
 * network mount or a server that accepts and never answers is reported instead of hanging the command.
 */
export async function doctor(env: Record<string, string | undefined>, timeoutMs = 5000): Promise<Finding[]> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [
      {
        ok: false,
        text: `${error.message}. Fix the environment variable named and run beckon doctor again.`,
      },
    ];
  }
  const findings: Finding[] = [{ ok: true, text: 'The configuration is valid.' }];
  const bounded = (what: string, check: () => Promise<Finding>) => withTimeout(what, timeoutMs, check());
  findings.push(
    config.databaseUrl
      ? await bounded(`PostgreSQL at ${redacted(config.databaseUrl)}`, () =>
          checkPostgres(config.databaseUrl!, timeoutMs),
        )
      : await bounded(`The data directory ${config.dataDir}`, () => checkSqlite(config.dataDir)),
  );
  if (config.blobs.kind === 's3') {
    const s3 = config.blobs;
    findings.push(await bounded(s3Place(s3), () => checkS3(s3, timeoutMs)));
  }
  if (config.redisUrl) {
    const redisUrl = config.redisUrl;
    findings.push(await bounded(`Redis at ${redacted(redisUrl)}`, () => checkRedis(redisUrl, timeoutMs)));
  }
  if (config.virusScan) {
    const where = `clamd at ${describeClamdAddress(config.virusScan.address)}`;
    findings.push(await bounded(where, () => checkClamd(config, where)));
  }
  findings.push(...checkPublicUrl(config), ...checkConsoleOrigins(config));
  findings.push(
    await bounded(`Port ${config.port} on ${config.host}`, () => checkPort('PORT', config.host, config.port)),
  );
  if (config.metrics) {
    const { host, port } = config.metrics;
    findings.push(
      port === config.port && port !== 0
        ? {
            ok: false,
            text: `BECKON_METRICS_PORT is ${port}, the same as PORT: the metrics need a port of their own. Choose another one.`,
          }
        : await bounded(`Port ${port} on ${host}`, () => checkPort('BECKON_METRICS_PORT', host, port)),
    );
  }
  return findings;
}

/** The findings as lines for a terminal: ✓ or ✗ before each. */
export function doctorReport(findings: Finding[]): string {
  const bad = findings.filter((finding) => !finding.ok).length;
  const lines = findings.map((finding) => `${finding.ok ? '✓' : '✗'} ${finding.text}`);
  lines.push(bad === 0 ? 'Everything looks right.' : `${bad} problem${bad === 1 ? '' : 's'} found.`);
  return `${lines.join('\n')}\n`;
}

/** The check's finding, or a problem saying it did not answer in time; the check is left to finish alone. */
function withTimeout(what: string, timeoutMs: number, check: Promise<Finding>): Promise<Finding> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Finding>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          text: `${what} did not answer within ${timeoutMs / 1000} s. Check that it is reachable from this machine (a firewall, a dead network mount, a server that accepts connections but does not answer).`,
        }),
      timeoutMs,
    );
  });
  return Promise.race([check, late]).finally(() => clearTimeout(timer));
}

async function checkClamd(config: Config, where: string): Promise<Finding> {
  try {
    await openConfiguredVirusScanner(config)?.ping();
    return { ok: true, text: `${where} answers PING: uploaded files are scanned.` };
  } catch (error) {
    return {
      ok: false,
      text: `${where} does not answer (${(error as Error).message}): every upload would be refused. Start clamd (clamav-daemon), or correct BECKON_CLAMAV (its LocalSocket path or TCPAddr:TCPSocket), or unset it to stop scanning.`,
    };
  }
}

async function checkSqlite(dataDir: string): Promise<Finding> {
  try {
    makeDirectory(dataDir);
    // Access bits can say yes where a read-only mount or /proc says no: write and remove a file to be sure.
    const probe = path.join(dataDir, `.beckon-doctor-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      ok: false,
      text:
        `The data directory ${dataDir} cannot be written to (${code}): the SQLite database could not be saved. ` +
        'Set DATA_DIR to a directory the user running Beckon owns, or give that user write access to it.',
    };
  }
  const file = path.join(dataDir, 'beckon.sqlite');
  let applied: number;
  try {
    applied = sqliteMigrationsApplied(file);
  } catch (error) {
    return {
      ok: false,
      text: `The SQLite database ${file} cannot be read: ${(error as Error).message}. Restore it from a backup, or move it away to start afresh.`,
    };
  }
  return migrationFinding(`The SQLite database ${file}`, applied, `its folder is writable`);
}

function migrationFinding(store: string, applied: number, beside: string): Finding {
  const known = knownMigrationCount;
  if (applied === 0) {
    return {
      ok: true,
      text: `${store}: ${beside}, no Beckon tables yet; beckon migrate or beckon start creates them.`,
    };
  }
  if (applied < known) {
    return {
      ok: false,
      text: `${store} has ${known - applied} of ${known} migrations not applied yet. Run beckon migrate (beckon start also applies them).`,
    };
  }
  if (applied > known) {
    return {
      ok: false,
      text: `${store} was migrated by a newer Beckon (${applied} migrations, this version knows ${known}). Run the newer version, or restore a backup taken before the upgrade.`,
    };
  }
  return { ok: true, text: `${store}: ${beside}, all ${known} migrations applied.` };
}

async function checkPostgres(url: string, timeoutMs: number): Promise<Finding> {
  const shown = redacted(url);
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  // A refused connection also surfaces as an 'error' event; the rejected connect() reports it.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    void client.end().catch(() => {});
    return {
      ok: false,
      text:
        `PostgreSQL at ${shown} cannot be reached: ${(error as Error).message}. ` +
        'Check that the server runs and that DATABASE_URL has the right host, port, database, user and password.',
    };
  }
  try {
    const table = await client.query("select to_regclass('kysely_migration') as name");
    const applied = table.rows[0]?.name
      ? Number((await client.query('select count(*) as n from kysely_migration')).rows[0]?.n)
      : 0;
    return migrationFinding(`PostgreSQL at ${shown}`, applied, 'reachable');
  } catch (error) {
    return { ok: false, text: `PostgreSQL at ${shown} answered with an error: ${(error as Error).message}.` };
  } finally {
    void client.end().catch(() => {});
  }
}

async function checkRedis(url: string, timeoutMs: number): Promise<Finding> {
  const shown = redacted(url);
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return { ok: true, text: `Redis at ${shown} is reachable.` };
  } catch (error) {
    return {
      ok: false,
      text: `Redis at ${shown} cannot be reached: ${(error as Error).message}. Check that it runs and that REDIS_URL is right, or unset REDIS_URL to run a single node.`,
    };
  } finally {
    redis.disconnect();
  }
}

function s3Place(s3: S3Settings): string {
  return `The S3 bucket ${s3.bucket} at ${s3.endpoint ?? `AWS (${s3.region})`}`;
}

async function checkS3(s3: S3Settings, timeoutMs: number): Promise<Finding> {
  const place = s3Place(s3);
  try {
    // Aborted a little after the doctor's own time limit has reported it, so the command can end.
    await checkS3Bucket(s3, AbortSignal.timeout(timeoutMs + 1000));
    return { ok: true, text: `${place}: reachable, files can be written and deleted there.` };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const why =
      status === 404
        ? 'no such bucket. Create it, or set BECKON_S3_BUCKET to an existing one'
        : status === 403 || status === 401
          ? 'access denied. Check the credentials (BECKON_S3_ACCESS_KEY_ID and BECKON_S3_SECRET_ACCESS_KEY, or AWS_*) and that they may read, write and delete objects there'
          : `${(error as Error).message || (error as Error).name}. Check that the server runs and that BECKON_S3_ENDPOINT, BECKON_S3_REGION and BECKON_S3_PATH_STYLE are right`;
    return { ok: false, text: `${place} cannot be used: ${why}.` };
  }
}

function checkPublicUrl(config: Config): Finding[] {
  if (!config.publicUrl) {
    return [
      {
        ok: true,
        text: 'BECKON_PUBLIC_URL is not set: fine on this machine; behind a proxy or a domain name, set it to the address browsers use (https://chat.example.com).',
      },
    ];
  }
  const url = new URL(config.publicUrl);
  const findings: Finding[] = [];
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    findings.push({
      ok: false,
      text: `BECKON_PUBLIC_URL (${config.publicUrl}) is not a web address. Set it to the https:// address browsers use, e.g. https://chat.example.com.`,
    });
  } else if (url.protocol !== 'https:' && !localHosts.includes(url.hostname)) {
    findings.push({
      ok: false,
      text: `BECKON_PUBLIC_URL (${config.publicUrl}) is not https: browsers would send the session cookie in the clear. Serve Beckon behind TLS and use the https address.`,
    });
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    findings.push({
      ok: false,
      text: `BECKON_PUBLIC_URL (${config.publicUrl}) has more than scheme, host and port: Beckon is served from the root of its own host and only the origin counts. Set it to ${url.origin}.`,
    });
  }
  if (url.protocol === 'https:' && config.secureCookies === 'never') {
    findings.push({
      ok: false,
      text: 'BECKON_PUBLIC_URL is https but BECKON_SECURE_COOKIES is never: the session cookie would also travel over plain http. Unset BECKON_SECURE_COOKIES.',
    });
  }
  if (findings.length === 0) findings.push({ ok: true, text: `The public address is ${url.origin}.` });
  return findings;
}

function checkConsoleOrigins(config: Config): Finding[] {
  if (config.consoleOrigins.length === 0) return [];
  const clear = config.consoleOrigins.filter((origin) => {
    const url = new URL(origin);
    return url.protocol !== 'https:' && !localHosts.includes(url.hostname);
  });
  if (clear.length > 0) {
    return [
      {
        ok: false,
        text: `BECKON_CONSOLE_ORIGINS has plain http origins on other machines (${clear.join(', ')}): the console's session would travel in the clear. Use their https:// addresses.`,
      },
    ];
  }
  return [{ ok: true, text: `The console may also be used from ${config.consoleOrigins.join(', ')}.` }];
}

function checkPort(name: string, host: string, port: number): Promise<Finding> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? 'something else listens there already (another Beckon?). Stop it or choose another port'
          : error.code === 'EACCES'
            ? 'this user may not open ports below 1024. Choose a port above 1024 and put a proxy in front'
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? `${host} is not an address of this machine. Set BECKON_HOST to one of its addresses, or 0.0.0.0 for all of them`
              : `${error.code ?? error.message}. Check the address and port`;
      resolve({ ok: false, text: `Port ${port} on ${host} (${name}) cannot be opened: ${why}.` });
    });
    server.listen({ port, host }, () => {
      server.close(() => resolve({ ok: true, text: `Port ${port} on ${host} (${name}) is free.` }));
    });
  });
}

/** A URL without its password, to print. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable URL)';
  }
}
