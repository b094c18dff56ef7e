import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { passwordMinLength } from '@beckon/protocol';
import { SystemClock } from '../adapters/clock/system-clock.ts';
import { MmdbGeo } from '../adapters/geo-mmdb/mmdb-geo.ts';
import { RandomIds } from '../adapters/ids/random-ids.ts';
import { MemoryBus } from '../adapters/memory-bus/memory-bus.ts';
import { createPostgresStore } from '../adapters/postgres/postgres-store.ts';
import { createRedisBus } from '../adapters/redis-bus/redis-bus.ts';
import { createSqliteStore } from '../adapters/sqlite/sqlite-store.ts';
import { UserAdministration } from '../application/users.ts';
import { type Config, ConfigError } from '../config.ts';
import { createServices } from '../domain/services.ts';

/**
 * `npm run reset-password -- <email> [password]`: sets the account's password in the configured store (the
 * SQLite file, or PostgreSQL) through the accounts service, so it is argon2-hashed, every session of the account
 * ends and the audit trail records it. Without a password one is generated; either way it is returned to print.
 * With Redis configured the running nodes hear that the sessions ended and close the account's sockets.
 */
export async function resetPassword(
  config: Config,
  email: string,
  given?: string,
): Promise<{ email: string; password: string }> {
  if (given !== undefined && given.length < passwordMinLength) {
    throw new ConfigError(`The password must have at least ${passwordMinLength} characters.`);
  }
  const password = given ?? randomBytes(12).toString('base64url');
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const store = config.databaseUrl
    ? await createPostgresStore({ url: config.databaseUrl })
    : await createSqliteStore({
        file: path.join(config.dataDir, 'beckon.sqlite'),
        synchronous: config.sqliteSynchronous,
      });
  const onHandlerError = () => {};
  const bus = config.redisUrl
    ? await createRedisBus({ url: config.redisUrl, prefix: config.redisPrefix, onHandlerError })
    : new MemoryBus({ onHandlerError });
  try {
    const services = createServices({
      store,
      bus,
      clock: new SystemClock(),
      ids: new RandomIds(),
      geo: await MmdbGeo.open(),
      onDeadlineError: () => {},
    });
    const user = await new UserAdministration(services, services.audit).setPasswordByEmail(email, password);
    return { email: user.email, password };
  } finally {
    await bus.close();
    await store.close();
  }
}
