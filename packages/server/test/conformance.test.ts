import { runConformance, transcripts } from '@beckon/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness } from './harness.ts';

/**
 * The protocol's golden transcripts (test-kit's conformance suite, also `npm run conformance -- --url …` against
 * any server) played against this node in-process, where the clock can be driven and the node shut down.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // The demo widget allows this node's own origin, has Proactive chat on, and routes to agent@'s queue.
});
afterAll(async () => {
  await h.close();
});

describe('conformance transcripts against an in-process node', () => {
  it('plays every transcript, none skipped', async () => {
    const results = await runConformance({
      url: h.url,
      widgetKey: 'demo',
      origin: h.origin,
      agent: { email: 'agent@beckon.local', password },
      clock: h.clock,
      shutdown: () => void h.node.close({ drainMs: 5_000 }),
    });
    expect(results.map((r) => r.name).sort()).toEqual(transcripts.map((t) => t.name).sort());
    expect(results.filter((r) => r.status !== 'passed')).toEqual([]);
  });
});
