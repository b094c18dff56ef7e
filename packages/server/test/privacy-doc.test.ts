import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

const privacyDoc = readFileSync(new URL('../../../docs/privacy.md', import.meta.url), 'utf8');

describe('docs/privacy.md is in step with the schema', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('has a row for every table of the schema, and no other', () => {
    const db = new BetterSqlite3(path.join(h.dataDir!, 'beckon.sqlite'), { readonly: true });
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'",
        )
        .all() as { name: string }[]
    ).map((row) => row.name);
    db.close();
    const section = privacyDoc.slice(privacyDoc.indexOf('## Tables'));
    const documented = [...section.matchAll(/^\| `([a-z_]+)` +\| /gm)].map((m) => m[1]!);
    expect(tables.length).toBeGreaterThan(20);
    expect(documented.sort()).toEqual(tables.sort());
  });
});
