import net from 'node:net';
import { login } from '@beckon/test-kit';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness } from '../harness.ts';

/**
 * Hostile and broken requests: every one is the client's fault, answered 4xx in the documented
 * `{ error: { code, message } }` shape and logged below error level without a stack trace.
 */

interface LogLine {
  level: number;
  msg?: string;
  err?: { stack?: string };
  [key: string]: unknown;
}

const errorLevel = 50;

describe('malformed and hostile requests', () => {
  let h: Harness;
  let admin: string;
  const logs: LogLine[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'trace' }, { write: (line: string) => logs.push(JSON.parse(line)) });
    h = await startHarness({ logger });
    admin = await login(h.url, 'admin@beckon.local', password);
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    logs.length = 0;
  });

  function expectQuietClientFault(what: string): void {
    for (const line of logs) {
      expect(line.level, `${what}: ${line.msg}`).toBeLessThan(errorLevel);
      expect(JSON.stringify(line), what).not.toMatch(/\bat .*\.(js|ts):\d+/);
    }
  }

  async function expectShape(answer: Response, status: number, code: string, what: string): Promise<void> {
    expect(answer.status, what).toBe(status);
    expect(answer.headers.get('content-type'), what).toMatch(/^application\/json/);
    const body = (await answer.json()) as { error: { code: string; message: unknown } };
    expect(Object.keys(body), what).toEqual(['error']);
    expect(body.error.code, what).toBe(code);
    expect(typeof body.error.message, what).toBe('string');
    expect(body.error.message, what).not.toMatch(/\/work\/|node_modules|\bat /);
  }

  it('static paths that try to leave their folder, or carry a NUL byte, are malformed requests', async () => {
    const hostile = [
      '/widget/..%2f..%2fpackage.json',
      '/widget/..%2f..%2f..%2f..%2fpackage.json',
      '/widget/%2e%2e%2f%2e%2e%2fpackage.json',
      '/widget/%00',
      '/widget/pane.js%00.html',
      '/demo/..%2f..%2fpackage.json',
      '/demo/%00',
    ];
    for (const p of hostile) {
      const answer = await fetch(`${h.url}${p}`);
      await expectShape(answer, 400, 'MALFORMED_REQUEST', p);
    }
    // The console's client routes answer its page for any path: nothing from outside its folder.
    for (const p of ['/console/%2e%2e/package.json', '/console/%2e%2e/%2e%2e/package.json']) {
      const answer = await fetch(`${h.url}${p}`);
      expect(await answer.text(), p).not.toContain('"workspaces"');
    }
    expect(logs.filter((line) => line.msg === 'client error').length).toBe(hostile.length);
    expectQuietClientFault('hostile static paths');
  });

  it('a bad percent-encoding is a malformed request, with the security headers', async () => {
    for (const p of ['/v1/%E0%A4%A', '/v1/rules/%E0%A4%A/publish', '/widget/%E0%A4%A', '/console/%']) {
      const answer = await fetch(`${h.url}${p}`);
      await expectShape(answer, 400, 'MALFORMED_REQUEST', p);
      expect(answer.headers.get('x-content-type-options'), p).toBe('nosniff');
    }
    expectQuietClientFault('bad encodings');
  });

  it('every body fault of the framework answers in the documented shape', async () => {
    const send = (headers: Record<string, string>, body?: string, method = 'POST', p = '/v1/widgets') =>
      fetch(`${h.url}${p}`, { method, headers: { cookie: admin, origin: h.url, ...headers }, body });
    const json = { 'content-type': 'application/json' };
    await expectShape(await send(json, '{'), 400, 'VALIDATION_FAILED', 'bad JSON');
    await expectShape(
      await send(json, '{"__proto__":{"x":1}}'),
      400,
      'VALIDATION_FAILED',
      'prototype poisoning',
    );
    await expectShape(
      await send(json, '{"constructor":{"prototype":{"x":1}}}'),
      400,
      'VALIDATION_FAILED',
      'constructor poisoning',
    );
    await expectShape(await send(json, ''), 400, 'VALIDATION_FAILED', 'empty JSON');
    await expectShape(
      await send({ 'content-type': 'application/xml' }, '<a/>'),
      400,
      'VALIDATION_FAILED',
      'wrong content type',
    );
    await expectShape(
      await send(json, `"${'a'.repeat(1024 * 1024 + 10)}"`),
      413,
      'PAYLOAD_TOO_LARGE',
      'body too large',
    );
    await expectShape(
      await send({}, undefined, 'GET', '/v1/no-such-route'),
      404,
      'NOT_FOUND',
      'unknown route',
    );
    await expectShape(await send({}, undefined, 'DELETE', '/v1/widgets'), 404, 'NOT_FOUND', 'unknown method');
    await expectShape(await send({}, undefined, 'PURGE', '/v1/widgets'), 404, 'NOT_FOUND', 'unusual method');
    expectQuietClientFault('body faults');
  });

  it('requests the HTTP parser rejects answer in the same shape', async () => {
    const url = new URL(h.url);
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(url.port), url.hostname);
        let answer = '';
        socket.on('data', (chunk) => {
          answer += chunk;
        });
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
        socket.write(text);
      });
    for (const request of [
      'FOO /v1/widgets HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /v1/widgets HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      'POST /v1/widgets HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    ]) {
      const answer = await raw(request);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head, request).toMatch(/^HTTP\/1\.1 400 /);
      expect(head?.toLowerCase(), request).toContain('x-content-type-options: nosniff');
      expect(JSON.parse(body ?? '').error.code, request).toBe('MALFORMED_REQUEST');
    }
    expectQuietClientFault('parser faults');
  });
});
