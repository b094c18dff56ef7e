import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
});

function capture(level: string) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: pino({ level }, sink) };
}

describe('request logging', () => {
  it('logs requests at debug only: the default info level leaves them out', async () => {
    const { lines, logger } = capture('info');
    h = await startHarness({ logger });
    await fetch(`${h.url}/healthz`);
    expect(lines.map((line) => JSON.parse(line)).filter((entry) => entry.req || entry.res)).toEqual([]);
  });

  it('logs the client address truncated to its network, never in full', async () => {
    const { lines, logger } = capture('debug');
    h = await startHarness({ logger });
    await fetch(`${h.url}/healthz`);
    await fetch(`${h.url}/v1/no-such-route`);
    const entries = lines.map((line) => JSON.parse(line));
    const requests = entries.filter((entry) => entry.req);
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(entries.filter((entry) => entry.msg === 'request completed' && entry.level === 20).length).toBe(2);
    for (const entry of requests) {
      expect(entry.req.remoteAddress).toBe('127.0.0.0');
      expect(entry.req.remotePort).toBeUndefined();
    }
    // The server's own address (the Host header, the listening URL) may appear; the client's never does.
    const own = new URL(h.url).host.replace('localhost', '127.0.0.1');
    expect(lines.join('\n').replaceAll(own, '')).not.toMatch(/127\.0\.0\.1|::ffff:127/);
  });
});
