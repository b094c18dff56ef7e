import path from 'node:path';
import { TestSmtp } from '@beckon/test-kit/smtp';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agent, type Harness, startHarness, visitor } from './harness.ts';

let h: Harness;
let smtp: TestSmtp;

beforeEach(async () => {
  smtp = await TestSmtp.start();
  h = await startHarness({
    env: { BECKON_SMTP_URL: smtp.url, BECKON_MAIL_FROM: 'Shop <help@shop.example>' },
  });
});
afterEach(async () => {
  await h.close();
  await smtp.close();
});

type VisitorSocket = Awaited<ReturnType<typeof visitor>>;

/** A chat the agent answered and ended: a visitor message, an agent message with markup in it. */
async function endedChat(
  extra: Record<string, unknown> = {},
): Promise<{ v: VisitorSocket; conversationId: string }> {
  const a = await agent(h);
  const v = await visitor(h, `${h.origin}/demo/index.html`, extra);
  v.send({ type: 'chat.start' });
  const { offer } = await a.next('offer.new');
  a.send({ type: 'offer.accept', offerId: offer.id });
  const { conversation } = await a.next('conversation.opened');
  v.send({ type: 'message.send', clientMsgId: 'q-1', text: 'Do you ship to Canada? <script>x</script>' });
  await v.next('message.ack');
  a.send({
    type: 'message.send',
    conversationId: conversation.id,
    clientMsgId: 'a-1',
    text: 'Yes, we do. <b>Free</b> over $50 & more.',
  });
  await a.next('message.ack');
  a.send({ type: 'conversation.end', conversationId: conversation.id });
  await v.next('conversation.update', (f) => f.conversation.status === 'ended');
  await a.close();
  return { v, conversationId: conversation.id };
}

/** The outbox rows as stored (read beside the node, like an operator would). */
function outbox(): { status: string; attempts: number; recipient: string | null; next_attempt_at: number }[] {
  const db = new BetterSqlite3(path.join(h.dataDir!, 'beckon.sqlite'), { readonly: true });
  try {
    return db
      .prepare('select status, attempts, recipient, next_attempt_at from mail_outbox order by created_at')
      .all() as never;
  } finally {
    db.close();
  }
}

describe('transcript by e-mail', () => {
  it('mails the transcript with the messages in the text and the escaped HTML body, then forgets the address', async () => {
    const { v, conversationId } = await endedChat({ timeZone: 'Asia/Tokyo' });
    v.send({ type: 'transcript.email', conversationId, email: 'zoe@example.com' });
    expect(await v.next('transcript.queued')).toEqual({
      type: 'transcript.queued',
      conversationId,
      email: 'zoe@example.com',
    });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toMatchObject({ text: 'zoe@example.com' });
    expect(mail!.from).toMatchObject({ text: '"Shop" <help@shop.example>' });
    expect(mail!.subject).toBe('Your chat transcript — Nimbus Notes support');
    expect(mail!.text).toContain('You: Do you ship to Canada? <script>x</script>');
    expect(mail!.text).toContain('Alex Agent: Yes, we do. <b>Free</b> over $50 & more.');
    const html = String(mail!.html);
    // Mustache escapes `/` too.
    expect(html).toContain('Do you ship to Canada? &lt;script&gt;x&lt;&#x2F;script&gt;');
    expect(html).toContain('Yes, we do. &lt;b&gt;Free&lt;&#x2F;b&gt; over $50 &amp; more.');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    // Times in the visitor's zone: 10:00 UTC is 19:00 in Tokyo.
    expect(mail!.text).toContain('[11/24/26, 7:00 PM] You:');
    await vi.waitFor(() =>
      expect(outbox()).toEqual([expect.objectContaining({ status: 'sent', recipient: null })]),
    );
    await v.close();
  });

  it('writes it in French for a French widget', async () => {
    const widget = (await h.node.store.getWidget(h.demoWidgetId))!;
    await h.node.store.updateWidget({ ...widget, locale: 'fr' });
    const { v, conversationId } = await endedChat();
    v.send({ type: 'transcript.email', conversationId, email: 'zoe@example.com' });
    await v.next('transcript.queued');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe('La transcription de votre discussion — Nimbus Notes support');
    expect(mail!.text).toContain('Voici la transcription de votre discussion');
    expect(mail!.text).toContain('Vous: Do you ship to Canada?');
    expect(String(mail!.html)).toContain('<html lang="fr">');
    expect(String(mail!.html)).toContain('Vous');
    await v.close();
  });

  it('refuses another visitor’s conversation, and an invalid address', async () => {
    const { v, conversationId } = await endedChat();
    const stranger = await visitor(h);
    stranger.send({ type: 'transcript.email', conversationId, email: 'eve@example.com' });
    expect(await stranger.next('error')).toMatchObject({
      code: 'CONVERSATION_NOT_FOUND',
      ref: 'transcript.email',
    });
    v.send({ type: 'transcript.email', conversationId, email: 'not an address' });
    expect(await v.next('error')).toMatchObject({ code: 'VALIDATION_FAILED', ref: 'transcript.email' });
    expect(outbox()).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    await Promise.all([v.close(), stranger.close()]);
  });

  // The window's end (a day later) is in the store contract: a day of the fake clock runs every sweep.
  it('allows 3 a day per conversation and 5 per visitor', async () => {
    const { v, conversationId } = await endedChat();
    for (let i = 1; i <= 3; i++) {
      v.send({ type: 'transcript.email', conversationId, email: `zoe${i}@example.com` });
      await v.next('transcript.queued');
    }
    v.send({ type: 'transcript.email', conversationId, email: 'zoe4@example.com' });
    expect(await v.next('error')).toMatchObject({ code: 'TRANSCRIPT_MAIL_LIMITED', ref: 'transcript.email' });
    // A second chat of the same visitor: two more, then the visitor's limit.
    v.send({ type: 'chat.start' });
    const { conversation } = await v.next('conversation.update', (f) => f.conversation.id !== conversationId);
    for (let i = 5; i <= 6; i++) {
      v.send({ type: 'transcript.email', conversationId: conversation.id, email: `zoe${i}@example.com` });
      await v.next('transcript.queued');
    }
    v.send({ type: 'transcript.email', conversationId: conversation.id, email: 'zoe7@example.com' });
    expect(await v.next('error')).toMatchObject({ code: 'TRANSCRIPT_MAIL_LIMITED' });
    await smtp.waitFor(5);
    await v.close();
  });

  it('retries on a failing mail server on the clock, and delivers once', async () => {
    const { v, conversationId } = await endedChat();
    smtp.failNext(2);
    v.send({ type: 'transcript.email', conversationId, email: 'zoe@example.com' });
    await v.next('transcript.queued');
    const start = h.clock.now();
    await vi.waitFor(() =>
      expect(outbox()[0]).toMatchObject({ attempts: 1, next_attempt_at: start + 30_000 }),
    );
    expect(smtp.received).toHaveLength(0);
    await h.clock.advance(30_000);
    await vi.waitFor(() =>
      expect(outbox()[0]).toMatchObject({ attempts: 2, next_attempt_at: start + 30_000 + 120_000 }),
    );
    expect(smtp.received).toHaveLength(0);
    await h.clock.advance(120_000);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.text).toContain('Do you ship to Canada?');
    await vi.waitFor(() => expect(outbox()[0]).toMatchObject({ status: 'sent', recipient: null }));
    await h.clock.advance(60 * 60_000);
    expect(smtp.received).toHaveLength(1);
    await v.close();
  });

  it('is erased with the visitor, a mail still waiting included', async () => {
    const { v, conversationId } = await endedChat();
    smtp.failNext(1);
    v.send({ type: 'transcript.email', conversationId, email: 'zoe@example.com' });
    await v.next('transcript.queued');
    await vi.waitFor(() => expect(outbox()[0]).toMatchObject({ attempts: 1 }));
    const visitorId = (await h.node.store.getConversation(conversationId))!.visitorId;
    await h.node.store.erasePersonalData({ visitorIds: [visitorId] });
    expect(outbox()).toEqual([]);
    await h.clock.advance(30_000);
    expect(smtp.received).toHaveLength(0);
    await v.close();
  });
});

describe('transcript by e-mail without a mail server', () => {
  it('says transcripts cannot be e-mailed', async () => {
    const plain = await startHarness();
    try {
      const previous = h;
      h = plain;
      const { v, conversationId } = await endedChat();
      h = previous;
      v.send({ type: 'transcript.email', conversationId, email: 'zoe@example.com' });
      expect(await v.next('error')).toMatchObject({ code: 'TRANSCRIPT_MAIL_UNAVAILABLE' });
      await v.close();
    } finally {
      await plain.close();
    }
  });
});
