// Over 300 lines: every environment setting of a node, each parsed and checked in one place so that a bad value stops the start with one clear message.
import { isIP } from 'node:net';
import path from 'node:path';
import { fileLimits } from '@beckon/protocol';
import { z } from 'zod';
import { type BlobStorageConfig, blobStorageEnv, parseBlobStorage } from './blob-storage-config.ts';
import { ConfigError } from './config-error.ts';

export { ConfigError };

const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The environment, parsed once. The only place that reads process.env is `processEnvironment`. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Where to listen; HOST is the older name, read when BECKON_HOST is not set. */
  BECKON_HOST: z.string().min(1).optional(),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  BECKON_REDIS_PREFIX: z.string().min(1).default('beckon:'),
  BECKON_DEMO_PASSWORD: z.string().min(8, 'BECKON_DEMO_PASSWORD must have at least 8 characters').optional(),
  BECKON_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  BECKON_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  BECKON_PUBLIC_URL: z.string().url().optional(),
  BECKON_CONSOLE_ORIGINS: z.string().default(''),
  BECKON_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  BECKON_NODE_TTL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(15_000),
  BECKON_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(3_000),
  BECKON_TRUST_PROXY: z.string().default('false'),
  BECKON_MISSED_OFFERS_BEFORE_INACTIVE: z.coerce.number().int().min(0).max(100).default(3),
  /** Outcomes a widget's acceptance model needs before predictions act on rules (docs/smart-invitations.md). */
  BECKON_SMART_MIN_OUTCOMES: z.coerce.number().int().min(20).max(100_000).default(200),
  BECKON_SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('full'),
  BECKON_MAX_VISITOR_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(100),
  BECKON_MAX_AGENT_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(20),
  BECKON_HELLO_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  /** Requests one API token may make per minute, counted across every node when Redis is configured. */
  BECKON_API_TOKEN_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  BECKON_FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(fileLimits.maxBytes),
  BECKON_FILES_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(fileLimits.perMinute),
  /** ClamAV's daemon that scans every file sent: its unix socket path or host:port; unset = no scan. */
  BECKON_CLAMAV: z.string().min(1).optional(),
  /** One scan's time limit: connecting, sending the file and clamd's verdict. */
  BECKON_CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
  /** Signs the file links of transcript e-mails; the same on every node. Unset: a key of this process only. */
  BECKON_FILE_LINK_SECRET: z
    .string()
    .min(32, 'BECKON_FILE_LINK_SECRET must have at least 32 characters')
    .max(512)
    .optional(),
  /** How long a file link in a transcript e-mail opens the file (default 7 days). */
  BECKON_FILE_LINK_LIFETIME_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90 * 24)
    .default(7 * 24),
  /** Prometheus metrics on a port of their own, never the public one; unset = no metrics. */
  BECKON_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  BECKON_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Where left messages' e-mails go out (smtp:// or smtps://); unset: no e-mail is sent. */
  BECKON_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'BECKON_SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  BECKON_MAIL_FROM: z.string().min(3).max(254).default('Beckon <beckon@localhost>'),
  /** OpenID Connect sign-in for console users: all of issuer, client id and secret, or none. */
  BECKON_OIDC_ISSUER: z.string().url().optional(),
  BECKON_OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  BECKON_OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  BECKON_OIDC_NAME: z.string().min(1).max(60).optional(),
  BECKON_OIDC_ROLES_CLAIM: z.string().min(1).max(200).optional(),
  BECKON_OIDC_ROLES: z.string().optional(),
  BECKON_PASSWORD_LOGIN: z.enum(['true', 'false']).optional(),
  /** Webhooks to plain http and to loopback, private or link-local addresses (a receiver on the same host). */
  BECKON_WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  /** One webhook attempt's time limit: connecting, sending and the answer. */
  BECKON_WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(60_000).default(10_000),
  /** How often each node looks for webhook deliveries due (retries, other nodes' events). */
  BECKON_WEBHOOKS_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** LOG_LEVEL is the older name, read when BECKON_LOG_LEVEL is not set. */
  BECKON_LOG_LEVEL: logLevelSchema.optional(),
  LOG_LEVEL: logLevelSchema.default('info'),
  ...blobStorageEnv,
});

export interface Config {
  port: number;
  /** The SMTP server for left messages' e-mails; unset: messages are stored, no e-mail is sent. */
  smtpUrl?: string;
  /** The sender of those e-mails. */
  mailFrom: string;
  webhooks: {
    /** Plain http and non-public addresses allowed for webhook URLs. */
    allowPrivate: boolean;
    timeoutMs: number;
    pollMs: number;
  };
  /** The address to listen on: all interfaces (`0.0.0.0`) unless BECKON_HOST says otherwise. */
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** Where the bytes of conversation files live: the data directory, PostgreSQL or an S3 bucket. */
  blobs: BlobStorageConfig;
  redisUrl?: string;
  /** Prepended to every Redis channel; all nodes of one installation share it, installations differ. */
  redisPrefix: string;
  demoPassword?: string;
  seedDemo: boolean;
  secureCookies: 'auto' | 'always' | 'never';
  publicUrl?: string;
  /**
   * Origins besides BECKON_PUBLIC_URL's (and the node's own) that the console is served from: only pages there
   * may change state with the session cookie.
   */
  consoleOrigins: string[];
  /** pino level; each request's log line is at `debug`, so the default (`info`) leaves them out. */
  logLevel: z.infer<typeof logLevelSchema>;
  /** How often each node beats, and sweeps the store for overdue deadlines and dead nodes. */
  sweepIntervalMs: number;
  /** A node whose last heartbeat is older than this is dead: its agents go offline until they reconnect. */
  nodeTtlMs: number;
  /** On SIGTERM, how long the node stays up answering not-ready before it closes its sockets. */
  drainMs: number;
  /** Which proxies' X-Forwarded-For to believe for the client's address. */
  trustProxy: TrustProxy;
  /** Offer timeouts in a row (counted in the store, across nodes) that set an agent Inactive; 0 = never. */
  missedOffersBeforeInactive: number;
  /** Outcomes a widget's acceptance model needs before its predictions act on rules. */
  smartMinOutcomes: number;
  /**
   * The embedded store's durability: `full` waits for the disk on every commit (an acknowledged message
   * survives an OS crash or power loss); `normal` only survives a crash of the process (ADR 0003).
   */
  sqliteSynchronous: 'full' | 'normal';
  /** Sockets of each kind one client address may hold open on this node at once (more: 429 at the upgrade). */
  maxVisitorSocketsPerAddress: number;
  maxAgentSocketsPerAddress: number;
  /** A visitor socket that has not sent a valid hello this long after opening is closed (close code 4002). */
  helloTimeoutMs: number;
  /** Requests one API token may make per minute (all nodes together when Redis is configured). */
  apiTokenRateLimit: number;
  /**
   * The single sign-on settings set by environment variables, only those set: each wins over what an admin saved
   * in the console (domain/accounts/single-sign-on-settings.ts merges them).
   */
  singleSignOn: SingleSignOnEnvironment;
  /** Files sent in conversations: the size limit (bytes) and how many one participant may send a minute. */
  files: { maxBytes: number; perMinute: number };
  /**
   * ClamAV's daemon (clamd) that scans each file before it is stored; absent: files are not scanned. When set and
   * clamd gives no verdict in `timeoutMs`, uploads are refused (FILE_SCAN_UNAVAILABLE).
   */
  virusScan?: { address: ClamdAddress; timeoutMs: number };
  /**
   * The links to files in transcript e-mails: the signing key (absent: a random one made at start, so links
   * stop working on restart and on other nodes) and their lifetime.
   */
  fileLinks: { secret?: string; lifetimeMs: number };
  /** Where `/metrics` listens (Prometheus text format); absent: nothing is counted or served. */
  metrics?: { port: number; host: string };
}

export interface SingleSignOnEnvironment {
  /** Set with BECKON_OIDC_ISSUER: single sign-on is on, whatever the console says. */
  enabled?: boolean;
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  /** Shown on the button: "Sign in with <name>". */
  name?: string;
  /** The ID token / userinfo claim carrying the user's groups or roles (a string or a list of strings). */
  rolesClaim?: string;
  /** Claim values that give each Beckon role, strongest first when several match. */
  roleMapping?: { role: 'admin' | 'supervisor' | 'agent'; values: string[] }[];
  /** False: the password sign-in route refuses (PASSWORD_LOGIN_DISABLED); `npm run reset-password` still works. */
  passwordLogin?: boolean;
}

const ssoRoles = ['admin', 'supervisor', 'agent'] as const;

/** `admin=a|b,supervisor=c,agent=d`: each role once, values separated by `|`. */
function parseRoleMapping(value: string): NonNullable<SingleSignOnEnvironment['roleMapping']> {
  const mapping: NonNullable<SingleSignOnEnvironment['roleMapping']> = [];
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [role, values = ''] = entry.split('=', 2).map((part) => part.trim());
    const known = ssoRoles.find((r) => r === role);
    const list = values
      .split('|')
      .map((v) => v.trim())
      .filter(Boolean);
    if (!known || list.length === 0 || mapping.some((m) => m.role === known))
      throw new ConfigError(
        `Invalid configuration: BECKON_OIDC_ROLES: expected role=value[|value],… with roles admin, supervisor, agent each at most once; bad entry: ${entry}`,
      );
    mapping.push({ role: known, values: list });
  }
  return ssoRoles.flatMap((role) => mapping.filter((m) => m.role === role));
}

/** Only the variables that are set: a field left out is the console's (or its default). */
function parseSingleSignOn(e: z.infer<typeof envSchema>): SingleSignOnEnvironment {
  const fields: SingleSignOnEnvironment = {
    enabled: e.BECKON_OIDC_ISSUER ? true : undefined,
    issuer: e.BECKON_OIDC_ISSUER,
    clientId: e.BECKON_OIDC_CLIENT_ID,
    clientSecret: e.BECKON_OIDC_CLIENT_SECRET,
    name: e.BECKON_OIDC_NAME,
    rolesClaim: e.BECKON_OIDC_ROLES_CLAIM,
    roleMapping: e.BECKON_OIDC_ROLES?.trim() ? parseRoleMapping(e.BECKON_OIDC_ROLES) : undefined,
    passwordLogin: e.BECKON_PASSWORD_LOGIN === undefined ? undefined : e.BECKON_PASSWORD_LOGIN === 'true',
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as SingleSignOnEnvironment;
}

/**
 * `false`: the socket's peer is the client. A number: that many proxy hops in front of the node are trusted. A
 * list: proxies by address, CIDR or the names `loopback`, `linklocal`, `uniquelocal`.
 */
export type TrustProxy = false | number | string[];

function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const invalid = entries.filter((entry) => !isAddressOrCidr(entry));
  if (invalid.length > 0) {
    throw new ConfigError(
      `Invalid configuration: BECKON_TRUST_PROXY: expected false, a hop count or a list of addresses/CIDRs; bad entries: ${invalid.join(', ')}`,
    );
  }
  return entries;
}

/** Where clamd listens: its unix socket (`LocalSocket`) or a TCP address (`TCPSocket`, `TCPAddr`). */
export type ClamdAddress = { path: string } | { host: string; port: number };

/** `/path/to/clamd.ctl`, `host:port` or `[ipv6]:port`; undefined for anything else. */
export function parseClamdAddress(value: string): ClamdAddress | undefined {
  const text = value.trim();
  if (text.startsWith('/')) return { path: text };
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  const host = match?.[1] ?? match?.[2];
  if (!host || !Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  return { host, port };
}

export function describeClamdAddress(address: ClamdAddress): string {
  return 'path' in address ? address.path : `${address.host}:${address.port}`;
}

function parseVirusScan(e: z.infer<typeof envSchema>): Config['virusScan'] {
  if (e.BECKON_CLAMAV === undefined) return undefined;
  const address = parseClamdAddress(e.BECKON_CLAMAV);
  if (!address)
    throw new ConfigError(
      `Invalid configuration: BECKON_CLAMAV: expected clamd's unix socket (an absolute path) or host:port; got ${e.BECKON_CLAMAV}`,
    );
  return { address, timeoutMs: e.BECKON_CLAMAV_TIMEOUT_MS };
}

function parseOrigins(value: string): string[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const origin = originOf(entry);
    if (origin) origins.push(origin);
    else invalid.push(entry);
  }
  if (invalid.length > 0) {
    throw new ConfigError(
      `Invalid configuration: BECKON_CONSOLE_ORIGINS: expected a comma-separated list of http(s)://host[:port] origins; bad entries: ${invalid.join(', ')}`,
    );
  }
  return origins;
}

/** `scheme://host[:port]` with nothing after it, normalised (lower case, default port dropped); else undefined. */
function originOf(entry: string): string | undefined {
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(entry)) return undefined;
  try {
    const url = new URL(entry);
    return url.username || url.password ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

function isAddressOrCidr(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.BECKON_PASSWORD_LOGIN === 'false' && !e.BECKON_OIDC_ISSUER)
    throw new ConfigError(
      'Invalid configuration: BECKON_PASSWORD_LOGIN=false needs single sign-on (BECKON_OIDC_*)',
    );
  return {
    port: e.PORT,
    host: e.BECKON_HOST ?? e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    blobs: parseBlobStorage(e),
    redisUrl: e.REDIS_URL,
    redisPrefix: e.BECKON_REDIS_PREFIX,
    demoPassword: e.BECKON_DEMO_PASSWORD,
    seedDemo: e.BECKON_SEED_DEMO === 'true',
    secureCookies: e.BECKON_SECURE_COOKIES,
    publicUrl: e.BECKON_PUBLIC_URL,
    consoleOrigins: parseOrigins(e.BECKON_CONSOLE_ORIGINS),
    logLevel: e.BECKON_LOG_LEVEL ?? e.LOG_LEVEL,
    sweepIntervalMs: e.BECKON_SWEEP_INTERVAL_MS,
    nodeTtlMs: e.BECKON_NODE_TTL_MS,
    drainMs: e.BECKON_DRAIN_MS,
    trustProxy: parseTrustProxy(e.BECKON_TRUST_PROXY),
    missedOffersBeforeInactive: e.BECKON_MISSED_OFFERS_BEFORE_INACTIVE,
    smartMinOutcomes: e.BECKON_SMART_MIN_OUTCOMES,
    sqliteSynchronous: e.BECKON_SQLITE_SYNCHRONOUS,
    maxVisitorSocketsPerAddress: e.BECKON_MAX_VISITOR_SOCKETS_PER_ADDRESS,
    maxAgentSocketsPerAddress: e.BECKON_MAX_AGENT_SOCKETS_PER_ADDRESS,
    helloTimeoutMs: e.BECKON_HELLO_TIMEOUT_MS,
    apiTokenRateLimit: e.BECKON_API_TOKEN_RATE_LIMIT,
    files: { maxBytes: e.BECKON_FILE_MAX_BYTES, perMinute: e.BECKON_FILES_PER_MINUTE },
    virusScan: parseVirusScan(e),
    fileLinks: {
      secret: e.BECKON_FILE_LINK_SECRET,
      lifetimeMs: e.BECKON_FILE_LINK_LIFETIME_HOURS * 60 * 60_000,
    },
    metrics:
      e.BECKON_METRICS_PORT === undefined
        ? undefined
        : { port: e.BECKON_METRICS_PORT, host: e.BECKON_METRICS_HOST },
    singleSignOn: parseSingleSignOn(e),
    smtpUrl: e.BECKON_SMTP_URL,
    mailFrom: e.BECKON_MAIL_FROM,
    webhooks: {
      allowPrivate: e.BECKON_WEBHOOKS_ALLOW_PRIVATE === 'true',
      timeoutMs: e.BECKON_WEBHOOKS_TIMEOUT_MS,
      pollMs: e.BECKON_WEBHOOKS_POLL_MS,
    },
  };
}

/** The process's environment, for `loadConfig` and for `beckon doctor`, which reports what loading it says. */
export function processEnvironment(): Record<string, string | undefined> {
  return process.env;
}

export function loadConfigFromProcess(): Config {
  return loadConfig(processEnvironment());
}
