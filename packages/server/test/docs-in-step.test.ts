import { readFileSync } from 'node:fs';
import { closeCodes } from '@beckon/protocol';
import { httpRoutes } from '@beckon/protocol/api-description';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';
import { registeredRoutes } from './route-table.ts';

const protocolDoc = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');

/** `METHOD /path` for every row of the HTTP API tables in docs/protocol.md (query strings left out). */
function documentedRoutes(doc: string): string[] {
  return [...doc.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE|OPTIONS) (\/v1\/[^`?\s]*)[^`]*` /gm)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
}

describe('docs/protocol.md is in step with the code', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('documents every HTTP API route the node registers, and no other', () => {
    const registered = registeredRoutes(h.node.app.printRoutes({ commonPrefix: false }))
      .filter((route) => route.split(' ')[1]!.startsWith('/v1/'))
      .sort();
    expect(registered.length).toBeGreaterThan(20);
    expect(documentedRoutes(protocolDoc).sort()).toEqual(registered);
  });

  it("states each route's API token scope as the route catalogue (and the OpenAPI document) does", () => {
    const documented = [
      ...protocolDoc.matchAll(
        /^\| `(GET|POST|PUT|PATCH|DELETE|OPTIONS) (\/v1\/[^`?\s]*)[^`]*` +\| [^|]+\| ([^|]+?) +\|/gm,
      ),
    ].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    const cell = (access: string) =>
      access === 'public'
        ? '–'
        : access === 'session'
          ? 'none (session only)'
          : access === 'visitor'
            ? 'none (visitor credential)'
            : `\`${access}\``;
    const catalogued = httpRoutes.map((route) => `${route.method} ${route.path} ${cell(route.access)}`);
    expect(documented.sort()).toEqual(catalogued.sort());
  });

  it('lists every close code of the protocol package, and no other', () => {
    const documented = [...protocolDoc.matchAll(/^\| (\d{4}) \| `(\w+)` +\|/gm)].map((m) => [
      m[2],
      Number(m[1]),
    ]);
    expect(Object.fromEntries(documented)).toEqual(closeCodes);
  });
});
