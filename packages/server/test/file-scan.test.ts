import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { type AuditListResponse, fileUploadResultSchema, type VisitorServerFrame } from '@beckon/protocol';
import { login, type TestSocket, visitorSecrets } from '@beckon/test-kit';
import {
  clamdAvailable,
  eicar,
  eicarSignature,
  startTestClamd,
  type TestClamd,
} from '@beckon/test-kit/clamd';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClamdScanner } from '../src/adapters/clamd/clamd-scanner.ts';
import { doctor } from '../src/cli/doctor.ts';
import { ScannerUnavailableError } from '../src/ports/virus-scanner.ts';
import { api } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

// A real clamd with a one-signature database (EICAR); on CI it must be installed, elsewhere its absence skips.
const run = clamdAvailable();

let clamd: TestClamd;
let h: Harness | undefined;
beforeAll(async () => {
  if (run) clamd = await startTestClamd();
});
afterAll(async () => {
  await clamd?.stop();
});
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Chat {
  v: TestSocket<VisitorServerFrame>;
  a: Awaited<ReturnType<typeof agent>>;
  conversationId: string;
  credential: string;
  cookie: string;
}

async function chat(harness: Harness): Promise<Chat> {
  const a = await agent(harness);
  const v = await visitor(harness, `${harness.origin}/demo/index.html`);
  const visitorId = v.all('welcome')[0]!.visitorId;
  v.send({ type: 'chat.start' });
  const { offer } = await a.next('offer.new');
  a.send({ type: 'offer.accept', offerId: offer.id });
  const opened = await a.next('conversation.opened');
  return {
    v,
    a,
    conversationId: opened.conversation.id,
    credential: `Bearer ${visitorId}.${visitorSecrets.get(visitorId)}`,
    cookie: await login(harness.url, 'agent@beckon.local', password),
  };
}

function visitorUpload(harness: Harness, c: Chat, text: string, name: string, key: string) {
  return fetch(`${harness.url}/v1/visitor/files?key=demo`, {
    method: 'POST',
    headers: {
      authorization: c.credential,
      origin: harness.origin,
      'beckon-file-name': encodeURIComponent(name),
      'idempotency-key': key,
    },
    body: Buffer.from(text, 'latin1'),
  });
}

function agentUpload(harness: Harness, c: Chat, text: string, name: string, key: string) {
  return fetch(`${harness.url}/v1/conversations/${c.conversationId}/files`, {
    method: 'POST',
    headers: {
      cookie: c.cookie,
      origin: harness.url,
      'beckon-file-name': encodeURIComponent(name),
      'idempotency-key': key,
    },
    body: Buffer.from(text, 'latin1'),
  });
}

async function errorOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

function storedBlobs(harness: Harness): string[] {
  const dir = path.join(harness.dataDir!, 'files');
  return existsSync(dir) ? readdirSync(dir) : [];
}

function scanCount(metrics: string, outcome: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`beckon_file_scans_total{outcome="${outcome}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe.skipIf(!run)('antivirus scan of uploaded files (clamd)', () => {
  it('a clean file is stored and sent; the EICAR file is quarantined, refused, audited and counted', async () => {
    h = await startHarness({ env: { BECKON_CLAMAV: clamd.socketPath, BECKON_METRICS_PORT: '0' } });
    const c = await chat(h);

    const clean = await visitorUpload(h, c, 'Hello, here is my order number.\n', 'order.txt', 'up-clean');
    expect(clean.status).toBe(201);
    const { file } = fileUploadResultSchema.parse(await clean.json());
    expect(storedBlobs(h)).toEqual([file.id]);

    const flagged = await visitorUpload(h, c, eicar, 'invoice.txt', 'up-eicar');
    expect(flagged.status).toBe(422);
    expect(await errorOf(flagged)).toBe('FILE_QUARANTINED');
    // Its bytes were never stored, no message announces it, and a retry with the same key is refused again.
    expect(storedBlobs(h)).toEqual([file.id]);
    const messages = await h.node.store.listMessages(c.conversationId, 0);
    expect(messages.filter((m) => m.attachment).map((m) => m.attachment?.id)).toEqual([file.id]);
    const retry = await visitorUpload(h, c, eicar, 'invoice.txt', 'up-eicar');
    expect(await errorOf(retry)).toBe('FILE_QUARANTINED');

    // The agent is refused the same way.
    const fromAgent = await agentUpload(h, c, `${eicar}\n`, 'tool.txt', 'a-eicar');
    expect(await errorOf(fromAgent)).toBe('FILE_QUARANTINED');

    // The quarantined record: the row with the signature, in the audit log for admins, and not downloadable.
    const admin = await login(h.url, 'admin@beckon.local', password);
    const { body } = await api<AuditListResponse>(h, admin, 'GET', '/v1/audit?action=file.quarantined');
    expect(body.entries).toHaveLength(2);
    const visitorEntry = body.entries.find((e) => e.actorId === null)!;
    expect(visitorEntry.details).toMatchObject({
      conversationId: c.conversationId,
      uploader: 'visitor',
      signature: eicarSignature,
      contentType: 'text/plain',
    });
    const row = await h.node.store.getFile(visitorEntry.targetId!);
    expect(row).toMatchObject({ quarantinedSignature: eicarSignature, name: 'invoice.txt' });
    expect(row?.messageId).toBeUndefined();
    const download = await fetch(`${h.url}/v1/files/${row!.id}`, { headers: { cookie: admin } });
    expect(download.status).toBe(404);

    const metrics = await (await fetch(h.metricsUrl!)).text();
    expect(scanCount(metrics, 'clean')).toBe(1);
    expect(scanCount(metrics, 'quarantined')).toBe(2);
    await Promise.all([c.a.close(), c.v.close()]);
  });

  it('fails closed: with clamd configured but down, every upload is refused as not checkable now', async () => {
    const down = await startTestClamd();
    h = await startHarness({ env: { BECKON_CLAMAV: down.socketPath, BECKON_METRICS_PORT: '0' } });
    const c = await chat(h);
    expect((await visitorUpload(h, c, 'first\n', 'a.txt', 'up-a')).status).toBe(201);
    await down.stop();

    const refused = await visitorUpload(h, c, 'second\n', 'b.txt', 'up-b');
    expect(refused.status).toBe(503);
    expect(await errorOf(refused)).toBe('FILE_SCAN_UNAVAILABLE');
    expect(await errorOf(await agentUpload(h, c, 'third\n', 'c.txt', 'a-c'))).toBe('FILE_SCAN_UNAVAILABLE');
    expect(storedBlobs(h)).toHaveLength(1);
    const metrics = await (await fetch(h.metricsUrl!)).text();
    expect(scanCount(metrics, 'unavailable')).toBe(2);
    await Promise.all([c.a.close(), c.v.close()]);
  });

  it('the adapter gives up on a daemon that accepts and never answers, within its time limit', async () => {
    const accepted: Socket[] = [];
    const silent: Server = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const scanner = new ClamdScanner({ host: '127.0.0.1', port }, 200);
      await expect(scanner.scan(Buffer.from('hello'))).rejects.toThrow(ScannerUnavailableError);
      await expect(scanner.ping()).rejects.toThrow(/did not answer within 200 ms/);
      expect(accepted).toHaveLength(2);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('scans files larger than one stream chunk', async () => {
    const scanner = new ClamdScanner({ path: clamd.socketPath }, 10_000);
    const padding = Buffer.alloc(200 * 1024, 'a');
    expect(await scanner.scan(padding)).toEqual({ clean: true });
    // The signature straddles the first chunk boundary (64 KiB).
    const straddling = Buffer.concat([padding.subarray(0, 64 * 1024 - 10), Buffer.from(eicar), padding]);
    expect(await scanner.scan(straddling)).toEqual({ clean: false, signature: eicarSignature });
  });

  it('beckon doctor checks that clamd answers PING when BECKON_CLAMAV is set', async () => {
    const dataDir = path.dirname(clamd.socketPath);
    const up = await doctor({
      DATA_DIR: path.join(dataDir, 'data'),
      BECKON_CLAMAV: clamd.socketPath,
      PORT: '0',
    });
    expect(up.find((f) => f.text.startsWith('clamd'))).toEqual({
      ok: true,
      text: `clamd at ${clamd.socketPath} answers PING: uploaded files are scanned.`,
    });
    const missing = path.join(dataDir, 'nothing.sock');
    const down = await doctor({ DATA_DIR: path.join(dataDir, 'data'), BECKON_CLAMAV: missing, PORT: '0' });
    const finding = down.find((f) => f.text.startsWith('clamd'));
    expect(finding?.ok).toBe(false);
    expect(finding?.text).toContain(`clamd at ${missing} does not answer`);
  });
});
