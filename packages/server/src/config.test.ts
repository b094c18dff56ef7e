import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('scale-out settings', () => {
  it('defaults: sweep every 5 s, nodes dead after 15 s, 3 s drain, no proxy trusted', () => {
    expect(loadConfig({})).toMatchObject({
      sweepIntervalMs: 5_000,
      nodeTtlMs: 15_000,
      drainMs: 3_000,
      trustProxy: false,
    });
  });

  it('BECKON_TRUST_PROXY takes false, a hop count, or addresses, CIDRs and named ranges', () => {
    const trust = (value: string) => loadConfig({ BECKON_TRUST_PROXY: value }).trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 192.168.1.7,fd00::/8, loopback')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('fails fast on a proxy setting it cannot read', () => {
    expect(() => loadConfig({ BECKON_TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ BECKON_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/10\.0\.0\.0\/33/);
    expect(() => loadConfig({ BECKON_SWEEP_INTERVAL_MS: '10' })).toThrow(ConfigError);
  });
});

describe('embedded store durability', () => {
  it('waits for the disk by default; BECKON_SQLITE_SYNCHRONOUS=normal opts out; anything else fails fast', () => {
    expect(loadConfig({}).sqliteSynchronous).toBe('full');
    expect(loadConfig({ BECKON_SQLITE_SYNCHRONOUS: 'normal' }).sqliteSynchronous).toBe('normal');
    expect(() => loadConfig({ BECKON_SQLITE_SYNCHRONOUS: 'off' })).toThrow(/BECKON_SQLITE_SYNCHRONOUS/);
  });
});

describe('console origins', () => {
  it('is empty by default and normalises a comma-separated list of origins', () => {
    expect(loadConfig({}).consoleOrigins).toEqual([]);
    expect(
      loadConfig({ BECKON_CONSOLE_ORIGINS: 'https://Admin.Example.com:443/, http://localhost:8080' })
        .consoleOrigins,
    ).toEqual(['https://admin.example.com', 'http://localhost:8080']);
  });

  it('fails fast on anything that is not a bare http(s) origin', () => {
    for (const bad of ['*', 'null', 'admin.example.com', 'https://x.example/console', 'ftp://x.example']) {
      expect(() => loadConfig({ BECKON_CONSOLE_ORIGINS: bad }), bad).toThrow(/BECKON_CONSOLE_ORIGINS/);
    }
  });
});

describe('listening address and log level', () => {
  it('listens on all interfaces by default; BECKON_HOST (or the older HOST) narrows it', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ BECKON_HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ BECKON_HOST: '127.0.0.1', HOST: '0.0.0.0' }).host).toBe('127.0.0.1');
    expect(() => loadConfig({ BECKON_HOST: '' })).toThrow(/BECKON_HOST/);
  });

  it('logs at info by default; BECKON_LOG_LEVEL (or the older LOG_LEVEL) changes it; unknown levels fail fast', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ BECKON_LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(loadConfig({ BECKON_LOG_LEVEL: 'debug', LOG_LEVEL: 'warn' }).logLevel).toBe('debug');
    expect(() => loadConfig({ BECKON_LOG_LEVEL: 'verbose' })).toThrow(/BECKON_LOG_LEVEL/);
  });
});

describe('single sign-on configuration', () => {
  const sso = {
    BECKON_OIDC_ISSUER: 'https://id.example.com',
    BECKON_OIDC_CLIENT_ID: 'beckon',
    BECKON_OIDC_CLIENT_SECRET: 's3cret',
  };

  it('is off by default, with password sign-in on', () => {
    const config = loadConfig({});
    expect(config.singleSignOn).toEqual({});
  });

  it('parses the role mapping, strongest role first, several values per role', () => {
    const config = loadConfig({
      ...sso,
      BECKON_OIDC_ROLES: 'agent=a|b, admin=root',
      BECKON_PASSWORD_LOGIN: 'false',
    });
    expect(config.singleSignOn).toEqual({
      enabled: true,
      issuer: 'https://id.example.com',
      clientId: 'beckon',
      clientSecret: 's3cret',
      roleMapping: [
        { role: 'admin', values: ['root'] },
        { role: 'agent', values: ['a', 'b'] },
      ],
      passwordLogin: false,
    });
  });

  it('keeps only the variables set, each one winning over the console for its field', () => {
    expect(loadConfig({ BECKON_OIDC_CLIENT_SECRET: 'from-vault' }).singleSignOn).toEqual({
      clientSecret: 'from-vault',
    });
  });

  it('refuses malformed settings, and password sign-in off without an issuer in the environment', () => {
    expect(() => loadConfig({ ...sso, BECKON_OIDC_ROLES: 'owner=x' })).toThrow(/bad entry: owner=x/);
    expect(() => loadConfig({ ...sso, BECKON_OIDC_ROLES: 'agent=a,agent=b' })).toThrow(/bad entry/);
    expect(() => loadConfig({ BECKON_PASSWORD_LOGIN: 'false' })).toThrow(/needs single sign-on/);
  });
});

describe('where file bytes live', () => {
  it('follows the rows by default: the data directory, or PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({}).blobs).toEqual({ kind: 'filesystem' });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/beckon' }).blobs).toEqual({ kind: 'postgres' });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/beckon', BECKON_BLOBS: 'filesystem' }).blobs).toEqual({
      kind: 'filesystem',
    });
  });

  it('reads an S3 bucket: path-style with an endpoint, the SDK chain without explicit keys', () => {
    expect(
      loadConfig({
        BECKON_BLOBS: 's3',
        BECKON_S3_BUCKET: 'beckon-files',
        BECKON_S3_ENDPOINT: 'http://minio.internal:9000/',
        BECKON_S3_PREFIX: 'site-a/files/',
        BECKON_S3_ACCESS_KEY_ID: 'id',
        BECKON_S3_SECRET_ACCESS_KEY: 'secret',
      }).blobs,
    ).toEqual({
      kind: 's3',
      bucket: 'beckon-files',
      endpoint: 'http://minio.internal:9000',
      region: 'us-east-1',
      prefix: 'site-a/files/',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
    expect(
      loadConfig({ BECKON_BLOBS: 's3', BECKON_S3_BUCKET: 'beckon-files', BECKON_S3_REGION: 'eu-west-3' })
        .blobs,
    ).toEqual({
      kind: 's3',
      bucket: 'beckon-files',
      endpoint: undefined,
      region: 'eu-west-3',
      prefix: '',
      forcePathStyle: false,
      credentials: undefined,
    });
  });

  it('refuses an S3 setting it cannot use, and PostgreSQL blobs without PostgreSQL', () => {
    const s3 = (env: Record<string, string>) => () =>
      loadConfig({ BECKON_BLOBS: 's3', BECKON_S3_BUCKET: 'beckon', ...env });
    expect(() => loadConfig({ BECKON_BLOBS: 's3' })).toThrow(/needs BECKON_S3_BUCKET/);
    expect(s3({ BECKON_S3_BUCKET: 'Not_A_Bucket' })).toThrow(/BECKON_S3_BUCKET must be/);
    expect(s3({ BECKON_S3_ENDPOINT: 'minio:9000' })).toThrow(/BECKON_S3_ENDPOINT/);
    expect(s3({ BECKON_S3_PREFIX: '/files' })).toThrow(/BECKON_S3_PREFIX/);
    expect(s3({ BECKON_S3_PREFIX: 'files' })).toThrow(/BECKON_S3_PREFIX/);
    expect(s3({ BECKON_S3_ACCESS_KEY_ID: 'id' })).toThrow(/go together/);
    expect(() => loadConfig({ BECKON_BLOBS: 'postgres' })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ BECKON_BLOBS: 'minio' })).toThrow(ConfigError);
  });
});

describe('antivirus scan', () => {
  it('is off by default; BECKON_CLAMAV takes a unix socket path or host:port; a bad address fails fast', () => {
    expect(loadConfig({}).virusScan).toBeUndefined();
    expect(loadConfig({ BECKON_CLAMAV: '/run/clamav/clamd.ctl' }).virusScan).toEqual({
      address: { path: '/run/clamav/clamd.ctl' },
      timeoutMs: 30_000,
    });
    expect(
      loadConfig({ BECKON_CLAMAV: 'clamav.internal:3310', BECKON_CLAMAV_TIMEOUT_MS: '5000' }).virusScan,
    ).toEqual({ address: { host: 'clamav.internal', port: 3310 }, timeoutMs: 5000 });
    expect(loadConfig({ BECKON_CLAMAV: '[::1]:3310' }).virusScan?.address).toEqual({
      host: '::1',
      port: 3310,
    });
    for (const bad of ['clamd.ctl', 'localhost', 'localhost:0', 'localhost:70000', 'tcp://localhost:3310'])
      expect(() => loadConfig({ BECKON_CLAMAV: bad }), bad).toThrow(/BECKON_CLAMAV/);
    expect(() => loadConfig({ BECKON_CLAMAV: '/x', BECKON_CLAMAV_TIMEOUT_MS: '10' })).toThrow(ConfigError);
  });
});
