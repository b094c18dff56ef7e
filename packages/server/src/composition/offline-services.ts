import path from 'node:path';
import { SystemClock } from '../adapters/clock/system-clock.ts';
import { MmdbGeo } from '../adapters/geo-mmdb/mmdb-geo.ts';
import { RandomIds } from '../adapters/ids/random-ids.ts';
import { MemoryBus } from '../adapters/memory-bus/memory-bus.ts';
import { createPostgresStore } from '../adapters/postgres/postgres-store.ts';
import { createRedisBus } from '../adapters/redis-bus/redis-bus.ts';
import { createSqliteStore } from '../adapters/sqlite/sqlite-store.ts';
import type { Config } from '../config.ts';
import { makeDataDir } from '../data-dir.ts';
import { createServices, type Services } from '../domain/services.ts';
import type { Store } from '../ports/store.ts';
import { openConfiguredBlobStore } from './configured-blob-store.ts';

/** The configured store, opened (which applies its pending migrations): the SQLite file under DATA_DIR, or PostgreSQL. */
export async function openConfiguredStore(config: Config): Promise<Store> {
  if (config.databaseUrl) return createPostgresStore({ url: config.databaseUrl });
  makeDataDir(config.dataDir);
  return createSqliteStore({
    file: path.join(config.dataDir, 'beckon.sqlite'),
    synchronous: config.sqliteSynchronous,
  });
}

/**
 * The services over the configured store (the SQLite file, or PostgreSQL; opening it runs the migrations) for
 * a command-line task that runs beside the nodes, closed again when the task ends. With Redis configured the
 * running nodes hear what the task publishes (ended sessions, for one).
 */
export async function withOfflineServices<T>(config: Config, task: (s: Services) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(config);
  const onHandlerError = () => {};
  // Erasing a person deletes their files' bytes too.
  const blobs = openConfiguredBlobStore(config, () => Date.now(), onHandlerError);
  try {
    const bus = config.redisUrl
      ? await createRedisBus({ url: config.redisUrl, prefix: config.redisPrefix, onHandlerError })
      : new MemoryBus({ onHandlerError });
    try {
      const clock = new SystemClock();
      const services = createServices({
        store,
        bus,
        blobs,
        clock,
        ids: new RandomIds(),
        geo: await MmdbGeo.open(),
        onDeadlineError: () => {},
      });
      return await task(services);
    } finally {
      await bus.close();
      await blobs.close();
    }
  } finally {
    await store.close();
  }
}
