// Over 300 lines: one conversation's files end to end over real HTTP and sockets — upload both ways, every refusal, downloads and who may make them, retention and erasure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type ChatMessage,
  type FileUploadResult,
  fileUploadResultSchema,
  type VisitorServerFrame,
} from '@beckon/protocol';
import { login, samplePdf, type TestSocket, visitorSecrets } from '@beckon/test-kit';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  // A small limit, so that "too large" needs no 10 MB body.
  h = await startHarness({ env: { BECKON_FILE_MAX_BYTES: String(64 * 1024) } });
});
afterEach(async () => {
  await h.close();
});

/** A photo as a phone takes it: JPEG with the place it was taken (EXIF GPS) and the camera's make. */
function photoWithLocation(): Promise<Buffer> {
  return sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Secret Model 7' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E' },
    })
    .jpeg()
    .toBuffer();
}

/** The start of a real Linux executable, named and declared as a PNG. */
function executable(): Buffer {
  return readFileSync(process.execPath).subarray(0, 8 * 1024);
}

interface Chat {
  v: TestSocket<VisitorServerFrame>;
  a: Awaited<ReturnType<typeof agent>>;
  conversationId: string;
  visitorId: string;
  credential: string;
  cookie: string;
}

/** A visitor in a chat the demo agent accepted; the agent's cookie and the visitor's credential at hand. */
async function chat(): Promise<Chat> {
  const a = await agent(h);
  const v = await visitor(h, `${h.origin}/demo/index.html`);
  const visitorId = v.all('welcome')[0]!.visitorId;
  v.send({ type: 'chat.start' });
  const { offer } = await a.next('offer.new');
  a.send({ type: 'offer.accept', offerId: offer.id });
  const opened = await a.next('conversation.opened');
  const cookie = await login(h.url, 'agent@beckon.local', password);
  return {
    v,
    a,
    conversationId: opened.conversation.id,
    visitorId,
    credential: `Bearer ${visitorId}.${visitorSecrets.get(visitorId)}`,
    cookie,
  };
}

function visitorUpload(
  c: Pick<Chat, 'credential'>,
  bytes: Buffer,
  name: string,
  key: string,
  extra: Record<string, string> = {},
) {
  return fetch(`${h.url}/v1/visitor/files?key=demo`, {
    method: 'POST',
    headers: {
      authorization: c.credential,
      origin: h.origin,
      'content-type': 'image/png',
      'beckon-file-name': encodeURIComponent(name),
      'idempotency-key': key,
      ...extra,
    },
    body: bytes,
  });
}

function agentUpload(c: Chat, bytes: Buffer, name: string, key: string, caption?: string) {
  return fetch(`${h.url}/v1/conversations/${c.conversationId}/files`, {
    method: 'POST',
    headers: {
      cookie: c.cookie,
      origin: h.url,
      'content-type': 'application/octet-stream',
      'beckon-file-name': encodeURIComponent(name),
      'idempotency-key': key,
      ...(caption ? { 'beckon-caption': encodeURIComponent(caption) } : {}),
    },
    body: bytes,
  });
}

async function uploaded(response: Response): Promise<FileUploadResult> {
  return fileUploadResultSchema.parse(await response.json());
}

async function errorOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

function storedBlobs(): string[] {
  const dir = path.join(h.dataDir!, 'files');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('files in a conversation', () => {
  it("a visitor's photo loses its location, reaches the agent as an attachment, and a retry stores nothing twice", async () => {
    const c = await chat();
    const photo = await photoWithLocation();
    expect((await sharp(photo).metadata()).exif).toBeDefined();

    const response = await visitorUpload(c, photo, 'écran.jpg', 'up-1');
    expect(response.status).toBe(201);
    const { file, message } = await uploaded(response);
    expect(file).toMatchObject({ name: 'écran.jpg', contentType: 'image/jpeg', width: 48, height: 32 });
    // Clients that do not know attachments still see what happened.
    expect(message.text).toMatch(/^📎 écran\.jpg \(\d+ (B|KB)\)$/);
    const seen = (await c.a.next('message', (f) => f.message.id === message.id)).message;
    expect(seen.attachment).toEqual(file);

    const download = await fetch(`${h.url}/v1/files/${file.id}`, { headers: { cookie: c.cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('content-disposition')).toMatch(/^inline; filename=/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    const served = Buffer.from(await download.arrayBuffer());
    const metadata = await sharp(served).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(served.includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect(served.includes(Buffer.from('Secret Model 7'))).toBe(false);

    const again = await visitorUpload(c, photo, 'écran.jpg', 'up-1');
    expect(again.status).toBe(200);
    expect(await uploaded(again)).toEqual({ file, message: { ...message } });
    const stored = await h.node.store.listMessages(c.conversationId, 0);
    expect(stored.filter((m) => m.attachment)).toHaveLength(1);
    expect(storedBlobs()).toEqual([file.id]);
    await Promise.all([c.a.close(), c.v.close()]);
  });

  it("an agent's PDF reaches the visitor, who downloads it as an attachment; nobody else can", async () => {
    const c = await chat();
    const response = await agentUpload(c, samplePdf(), 'devis €1.pdf', 'a-1', 'Voici le devis');
    expect(response.status).toBe(201);
    const { file, message } = await uploaded(response);
    expect(file.contentType).toBe('application/pdf');
    expect(message.text).toMatch(/\nVoici le devis$/);
    const received: ChatMessage = (await c.v.next('message', (f) => f.message.id === message.id)).message;
    expect(received.attachment?.id).toBe(file.id);
    // A reload's welcome has the attachment on the message too.
    expect((await h.node.store.listMessages(c.conversationId, 0)).at(-1)?.attachment).toEqual(file);

    const asVisitor = (credential: string, origin = h.origin) =>
      fetch(`${h.url}/v1/visitor/files/${file.id}?key=demo`, {
        headers: { authorization: credential, origin },
      });
    const download = await asVisitor(c.credential);
    expect(download.status).toBe(200);
    expect(download.headers.get('access-control-allow-origin')).toBe(h.origin);
    expect(download.headers.get('access-control-expose-headers')).toBe('content-disposition, retry-after');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="devis ?1.pdf"; filename*=UTF-8''devis%20%E2%82%AC1.pdf`,
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(samplePdf());

    const other = await visitor(h, `${h.origin}/demo/index.html`);
    const otherId = other.all('welcome')[0]!.visitorId;
    const otherDownload = await asVisitor(`Bearer ${otherId}.${visitorSecrets.get(otherId)}`);
    expect([otherDownload.status, await errorOf(otherDownload)]).toEqual([404, 'FILE_NOT_FOUND']);
    const wrongSecret = await asVisitor(`Bearer ${c.visitorId}.${'x'.repeat(43)}`);
    expect([wrongSecret.status, await errorOf(wrongSecret)]).toEqual([401, 'UNAUTHENTICATED']);
    const foreign = await asVisitor(c.credential, 'https://evil.example');
    expect([foreign.status, await errorOf(foreign)]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
    // An agent the conversation is not assigned to does not learn the file exists; a supervisor may see it.
    const otherAgent = await login(h.url, 'agent2@beckon.local', password);
    const seen = await fetch(`${h.url}/v1/files/${file.id}`, { headers: { cookie: otherAgent } });
    expect([seen.status, await errorOf(seen)]).toEqual([404, 'FILE_NOT_FOUND']);
    const admin = await login(h.url, 'admin@beckon.local', password);
    expect((await fetch(`${h.url}/v1/files/${file.id}`, { headers: { cookie: admin } })).status).toBe(200);
    expect((await fetch(`${h.url}/v1/files/${file.id}`)).status).toBe(401);
    await Promise.all([c.a.close(), c.v.close(), other.close()]);
  });

  it("answers a browser's preflight from the widget's allowed origins only", async () => {
    const preflight = (origin: string) =>
      fetch(`${h.url}/v1/visitor/files?key=demo`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, beckon-file-name, idempotency-key',
        },
      });
    const allowed = await preflight(h.origin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(h.origin);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const foreign = await preflight('https://evil.example');
    expect([foreign.status, await errorOf(foreign)]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an executable named .png, an oversized file and an empty one, storing nothing', async () => {
    const c = await chat();
    const disguised = await visitorUpload(c, executable(), 'cat.png', 'x-1');
    expect([disguised.status, await errorOf(disguised)]).toEqual([415, 'FILE_TYPE_REFUSED']);
    const big = await agentUpload(c, Buffer.alloc(65 * 1024, 'a'), 'big.txt', 'x-2');
    expect([big.status, await errorOf(big)]).toEqual([413, 'FILE_TOO_LARGE']);
    const empty = await agentUpload(c, Buffer.alloc(0), 'empty.txt', 'x-3');
    expect([empty.status, await errorOf(empty)]).toEqual([415, 'FILE_TYPE_REFUSED']);
    const badImage = await visitorUpload(
      c,
      Buffer.concat([(await photoWithLocation()).subarray(0, 200)]),
      'cut.jpg',
      'x-4',
    );
    expect([badImage.status, await errorOf(badImage)]).toEqual([415, 'FILE_TYPE_REFUSED']);
    const noName = await visitorUpload(c, samplePdf(), 'a.pdf', 'x-5', { 'beckon-file-name': '%E0%A4%A' });
    expect([noName.status, await errorOf(noName)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(storedBlobs()).toEqual([]);
    expect((await h.node.store.listMessages(c.conversationId, 0)).some((m) => m.text.startsWith('📎'))).toBe(
      false,
    );
    await Promise.all([c.a.close(), c.v.close()]);
  });

  it("follows the widget's own rules: its types, read from the bytes, and its size limit", async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const widgetPath = `/v1/widgets/${h.demoWidgetId}`;
    const defaults = await api<{ fileTypes: string[]; fileMaxBytes: number }>(h, admin, 'GET', widgetPath);
    expect(defaults.body.fileTypes).toEqual([
      'image/png',
      'image/jpeg',
      'image/gif',
      'image/webp',
      'application/pdf',
      'text/plain',
    ]);
    expect(defaults.body.fileMaxBytes).toBe(10 * 1024 * 1024);
    const html = await api(h, admin, 'PATCH', widgetPath, { fileTypes: ['text/html'] });
    expect(html.status).toBe(400);
    const set = await api(h, admin, 'PATCH', widgetPath, {
      fileTypes: ['application/pdf'],
      fileMaxBytes: 2048,
    });
    expect(set.status).toBe(200);

    const c = await chat();
    const photo = await visitorUpload(c, await photoWithLocation(), 'photo.pdf', 'w-1');
    expect([photo.status, await errorOf(photo)]).toEqual([415, 'FILE_TYPE_REFUSED']);
    const long = await agentUpload(c, Buffer.alloc(3000, 'a'), 'notes.pdf', 'w-2');
    expect([long.status, await errorOf(long)]).toEqual([413, 'FILE_TOO_LARGE']);
    const text = await agentUpload(c, Buffer.from('plain words'), 'notes.txt', 'w-3');
    expect([text.status, await errorOf(text)]).toEqual([415, 'FILE_TYPE_REFUSED']);
    expect((await visitorUpload(c, samplePdf(), 'invoice.pdf', 'w-4')).status).toBe(201);
    await Promise.all([c.a.close(), c.v.close()]);
  });

  it('serves an uploaded HTML page as inert plain text: attachment, nosniff, sandboxed', async () => {
    const c = await chat();
    const page = Buffer.from('<html><body><script>document.title = "ran"</script></body></html>');
    const { file } = await uploaded(await visitorUpload(c, page, 'page.html', 'h-1'));
    expect(file.contentType).toBe('text/plain');
    const download = await fetch(`${h.url}/v1/files/${file.id}`, { headers: { cookie: c.cookie } });
    expect(download.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('content-security-policy')).toBe(
      "default-src 'none'; sandbox; frame-ancestors 'none'; form-action 'none'",
    );
    await Promise.all([c.a.close(), c.v.close()]);
  });

  it('limits a flood of files per participant, and lets them send again a minute later', async () => {
    const c = await chat();
    for (let i = 1; i <= 10; i++) {
      expect((await visitorUpload(c, Buffer.from(`note ${i}`), `n${i}.txt`, `r-${i}`)).status).toBe(201);
    }
    const refused = await visitorUpload(c, Buffer.from('one more'), 'n11.txt', 'r-11');
    expect([refused.status, await errorOf(refused)]).toEqual([429, 'FILE_RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The agent's budget is their own.
    expect((await agentUpload(c, Buffer.from('reply'), 'reply.txt', 'r-a')).status).toBe(201);
    await h.clock.advance(60_000);
    expect((await visitorUpload(c, Buffer.from('one more'), 'n11.txt', 'r-11')).status).toBe(201);
    await Promise.all([c.a.close(), c.v.close()]);
  });

  it('refuses files in an ended conversation and from a visitor with no chat', async () => {
    const c = await chat();
    c.v.send({ type: 'chat.close' });
    await c.a.next('conversation.update', (f) => f.status === 'ended');
    const late = await agentUpload(c, samplePdf(), 'late.pdf', 'e-1');
    expect([late.status, await errorOf(late)]).toEqual([409, 'CONVERSATION_ENDED']);
    const noChat = await visitorUpload(c, samplePdf(), 'late.pdf', 'e-2');
    expect([noChat.status, await errorOf(noChat)]).toEqual([409, 'NO_CHAT_OPEN']);
    await Promise.all([c.a.close(), c.v.close()]);
  });

  it('erasing the visitor deletes their files; the export lists them', async () => {
    const c = await chat();
    const { file } = await uploaded(await visitorUpload(c, samplePdf(), 'mine.pdf', 'p-1'));
    const admin = await login(h.url, 'admin@beckon.local', password);
    const exported = await api<{ files: { id: string; name: string }[] }>(
      h,
      admin,
      'GET',
      `/v1/visitors/${c.visitorId}/export`,
    );
    expect(exported.body.files.map((f) => [f.id, f.name])).toEqual([[file.id, 'mine.pdf']]);
    const erased = await api<{ erased: { files: number } }>(
      h,
      admin,
      'DELETE',
      `/v1/visitors/${c.visitorId}`,
    );
    expect(erased.body.erased.files).toBe(1);
    expect(storedBlobs()).toEqual([]);
    expect((await fetch(`${h.url}/v1/files/${file.id}`, { headers: { cookie: admin } })).status).toBe(404);
    await Promise.all([c.a.close(), c.v.close()]);
  });

  it("retention deletes an ended conversation's files with its messages", async () => {
    const c = await chat();
    const { file } = await uploaded(await agentUpload(c, samplePdf(), 'old.pdf', 'o-1'));
    // Ended 31 days ago (written to the store: a month of the node's timers would take far longer to run).
    await h.node.store.endConversation(c.conversationId, h.clock.now() - 31 * 86_400_000);
    const admin = await login(h.url, 'admin@beckon.local', password);
    const keep = async (messages: number) => {
      const periods = { pageViews: 90, events: 90, messages, conversations: null, audit: 365 };
      expect((await api(h, admin, 'PUT', '/v1/settings/retention', periods)).status).toBe(200);
    };
    await keep(32);
    expect((await h.node.services.retention.purge()).files).toBeUndefined();
    expect(storedBlobs()).toEqual([file.id]);
    await keep(30);
    const purged = await h.node.services.retention.purge();
    expect(purged.files).toBe(1);
    expect(storedBlobs()).toEqual([]);
    expect(await h.node.store.getFile(file.id)).toBeUndefined();
    await Promise.all([c.a.close(), c.v.close()]);
  });
});
