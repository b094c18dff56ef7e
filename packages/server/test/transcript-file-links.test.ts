import { login, samplePdf, visitorSecrets } from '@beckon/test-kit';
import { TestSmtp } from '@beckon/test-kit/smtp';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBeckon } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { FileLinks } from '../src/domain/files/file-links.ts';
import { api } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
let h: Harness;
let smtp: TestSmtp;

const mailEnv = (smtpUrl: string) => ({
  BECKON_SMTP_URL: smtpUrl,
  BECKON_MAIL_FROM: 'Shop <help@shop.example>',
  BECKON_PUBLIC_URL: 'https://chat.example.com',
});

afterEach(async () => {
  await h.close();
  await smtp.close();
});

/** A chat where the visitor sent a PDF with a caption, answered and ended by the agent; the transcript mailed. */
async function mailedTranscript() {
  const a = await agent(h);
  const v = await visitor(h, `${h.origin}/demo/index.html`);
  const visitorId = v.all('welcome')[0]!.visitorId;
  v.send({ type: 'chat.start' });
  const { offer } = await a.next('offer.new');
  a.send({ type: 'offer.accept', offerId: offer.id });
  const { conversation } = await a.next('conversation.opened');
  const upload = await fetch(`${h.url}/v1/visitor/files?key=demo`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${visitorId}.${visitorSecrets.get(visitorId)}`,
      origin: h.origin,
      'content-type': 'application/pdf',
      'beckon-file-name': encodeURIComponent('reçu mars.pdf'),
      'beckon-caption': encodeURIComponent('My receipt'),
      'idempotency-key': 'f-1',
    },
    body: samplePdf(),
  });
  expect(upload.status).toBe(201);
  a.send({
    type: 'message.send',
    conversationId: conversation.id,
    clientMsgId: 'a-1',
    text: 'Thanks, got it.',
  });
  await a.next('message.ack');
  a.send({ type: 'conversation.end', conversationId: conversation.id });
  await v.next('conversation.update', (f) => f.conversation.status === 'ended');
  v.send({ type: 'transcript.email', conversationId: conversation.id, email: 'zoe@example.com' });
  await v.next('transcript.queued');
  const [mail] = await smtp.waitFor(1);
  await Promise.all([a.close(), v.close()]);
  const link = /https:\/\/chat\.example\.com\/v1\/file-links\/\S+/.exec(mail!.text ?? '')?.[0];
  expect(link).toBeDefined();
  // The public URL is the proxy's; the test reaches the node itself.
  const local = link!.replace('https://chat.example.com', h.url);
  return { mail: mail!, link: link!, local, visitorId };
}

async function errorOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('file links in transcript e-mails', () => {
  beforeEach(async () => {
    smtp = await TestSmtp.start();
    h = await startHarness({ env: { ...mailEnv(smtp.url), BECKON_FILE_LINK_SECRET: secret } });
  });

  it('links each file by name and size, in text and HTML, and the link serves the bytes with no session', async () => {
    const { mail, link, local } = await mailedTranscript();
    expect(mail.text).toContain('You: My receipt\n  reçu mars.pdf (');
    expect(mail.text).toContain(`reçu mars.pdf (${samplePdf().length} B): ${link}`);
    expect(mail.text).toContain('The links to files open them until December 1, 2026.');
    const html = String(mail.html);
    expect(html).toMatch(
      /<a href="https:&#x2F;&#x2F;chat\.example\.com&#x2F;v1&#x2F;file-links&#x2F;[^"]+">reçu mars\.pdf<\/a> \(\d+ B\)/,
    );
    const response = await fetch(local);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(samplePdf());
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'; sandbox");
  });

  it('refuses the link once expired, and an altered one, with FILE_LINK_INVALID', async () => {
    const { local } = await mailedTranscript();
    const url = new URL(local);
    const signature = url.searchParams.get('signature')!;
    url.searchParams.set('signature', `${signature.slice(0, -2)}AA`);
    const forged = await fetch(url);
    expect([forged.status, await errorOf(forged)]).toEqual([403, 'FILE_LINK_INVALID']);
    const otherFile = await fetch(local.replace(/file-links\/[^?]+/, 'file-links/fil_other'));
    expect([otherFile.status, await errorOf(otherFile)]).toEqual([403, 'FILE_LINK_INVALID']);
    // Signed with the node's secret but a minute past its expiry (a week of the node's timers would take long
    // to run; the expiry itself is counted in the file links' own test).
    const fileId = /file-links\/([^?]+)/.exec(local)![1]!;
    const stale = new FileLinks(h.clock, { secret, lifetimeMs: -60_000, publicUrl: h.url }).url(fileId)!;
    const expired = await fetch(stale);
    expect([expired.status, await errorOf(expired)]).toEqual([403, 'FILE_LINK_INVALID']);
  });

  it('answers FILE_NOT_FOUND once the visitor is erased', async () => {
    const { local, visitorId } = await mailedTranscript();
    const admin = await login(h.url, 'admin@beckon.local', password);
    expect((await api(h, admin, 'DELETE', `/v1/visitors/${visitorId}`)).status).toBe(200);
    const gone = await fetch(local);
    expect([gone.status, await errorOf(gone)]).toEqual([404, 'FILE_NOT_FOUND']);
  });
});

describe('file links without a configured key', () => {
  beforeEach(async () => {
    smtp = await TestSmtp.start();
    h = await startHarness({ env: mailEnv(smtp.url) });
  });

  it('open on another node of the same database: the key is made once and kept in the store', async () => {
    const { local } = await mailedTranscript();
    const other = await createBeckon({
      config: loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: h.dataDir,
        BECKON_DEMO_PASSWORD: password,
        ...mailEnv(smtp.url),
      }),
      clock: h.clock,
      logger: pino({ level: 'silent' }),
    });
    try {
      const { port } = await other.listen();
      const response = await fetch(local.replace(h.url, `http://127.0.0.1:${port}`));
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(samplePdf());
    } finally {
      await other.close();
    }
  });
});
