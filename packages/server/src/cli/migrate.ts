import path from 'node:path';
import { knownMigrationCount, sqliteMigrationsApplied } from '../composition/migration-state.ts';
import { openConfiguredStore } from '../composition/offline-services.ts';
import { loadConfigFromProcess } from '../config.ts';

/**
 * `beckon migrate`: opening the configured store applies its pending migrations (Kysely's migrator locks, so
 * running it beside starting nodes is safe); then it closes again. Running it twice changes nothing.
 */
export async function migrate(): Promise<string> {
  const config = loadConfigFromProcess();
  if (config.databaseUrl) {
    await (await openConfiguredStore(config)).close();
    return `The PostgreSQL database is migrated: all ${knownMigrationCount} migrations are applied.\n`;
  }
  const file = path.join(config.dataDir, 'beckon.sqlite');
  const before = sqliteMigrationsApplied(file);
  await (await openConfiguredStore(config)).close();
  const applied = knownMigrationCount - before;
  return applied > 0
    ? `The SQLite database ${file} is migrated: ${applied} migration${applied === 1 ? '' : 's'} applied, ${knownMigrationCount} in all.\n`
    : `The SQLite database ${file} was already up to date (${knownMigrationCount} migrations); nothing changed.\n`;
}
