import Database from 'better-sqlite3';
import { migrations } from '../adapters/sql/migrations.ts';

/** How many migrations this version of Beckon carries; a store with fewer applied needs `beckon migrate`. */
export const knownMigrationCount = Object.keys(migrations).length;

/** How many migrations the SQLite file records as applied; 0 when there is no file yet. Opened read-only. */
export function sqliteMigrationsApplied(file: string): number {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CANTOPEN') return 0;
    throw error;
  }
  try {
    const table = db
      .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!table) return 0;
    return (db.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
