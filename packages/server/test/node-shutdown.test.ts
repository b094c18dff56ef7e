import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { staticRoots } from '../src/transport/http/static-routes.ts';
import { startHarness } from './harness.ts';

it('closes even while a client has stopped reading a large response, cutting it after the grace', async () => {
  const h = await startHarness();
  const script = readdirSync(path.join(staticRoots.console, 'assets')).find((f) => f.endsWith('.js'));
  // The console's script is larger than the socket buffers: unread, its response never finishes.
  const unread = await fetch(`${h.url}/console/assets/${script}`);
  expect(unread.status).toBe(200);
  // Without the grace's cut this waits until the client reads or goes away: the test times out.
  await h.node.close({ responseGraceMs: 50 });
  await h.close();
}, 20_000);
