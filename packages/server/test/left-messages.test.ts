import path from 'node:path';
import type { VisitorServerFrame } from '@beckon/protocol';
import { FakeClock, settle, type TestSocket } from '@beckon/test-kit';
import { TestSmtp } from '@beckon/test-kit/smtp';
import BetterSqlite3 from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBeckon } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
let smtp: TestSmtp;

beforeEach(async () => {
  smtp = await TestSmtp.start();
  h = await startHarness({
    keepAnswerableGate: true,
    env: { BECKON_SMTP_URL: smtp.url, BECKON_MAIL_FROM: 'Shop <help@shop.example>' },
  });
});
afterEach(async () => {
  await h.close();
  await smtp.close();
});

/** The outbox rows as stored (read beside the node, like an operator would). */
function outbox(): {
  kind: string;
  status: string;
  attempts: number;
  recipient: string | null;
  body_text: string | null;
  next_attempt_at: number;
}[] {
  const db = new BetterSqlite3(path.join(h.dataDir!, 'beckon.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        'select kind, status, attempts, recipient, body_text, next_attempt_at from mail_outbox order by created_at',
      )
      .all() as never;
  } finally {
    db.close();
  }
}

/** A visitor who asked to chat with nobody available: the form is offered instead of a queue position. */
async function strandedVisitor(): Promise<{ v: TestSocket<VisitorServerFrame>; conversationId: string }> {
  const v = await visitor(h, `${h.origin}/demo/index.html`);
  v.send({ type: 'chat.start' });
  const { conversation } = await v.next('conversation.update');
  expect(await v.next('leave.offer')).toMatchObject({ conversationId: conversation.id });
  return { v, conversationId: conversation.id };
}

describe('invite only when someone can answer', () => {
  it('vetoes the rule while every agent is offline, and invites once one becomes Available', async () => {
    const v = await visitor(h);
    const visitorId = v.all('welcome')[0]!.visitorId;
    await h.clock.advance(120_000);
    expect(v.all('invitation.show')).toHaveLength(0);
    const explained = await h.node.services.explanations.explainLive(h.demoWidgetId, visitorId);
    expect(explained.rules[0]).toMatchObject({
      outcome: 'vetoed',
      gate: 'nobody-available',
      conditionsMatch: true,
    });
    const a = await agent(h);
    // The capacity change re-evaluates the waiting visitor: no clock needed.
    expect((await v.next('invitation.show')).invitation.message).toBe('Need help choosing a plan?');
    await Promise.all([a.close(), v.close()]);
  });

  it('invites with nobody available when the widget turns the setting off', async () => {
    const widget = (await h.node.store.getWidget(h.demoWidgetId))!;
    await h.node.store.updateWidget({ ...widget, inviteOnlyWhenAnswerable: false });
    const v = await visitor(h);
    await h.clock.advance(30_000);
    await v.next('invitation.show');
    await v.close();
  });
});

describe('leave a message', () => {
  it('stores the message in the queue, e-mails a copy, and e-mails the agent’s answer as text', async () => {
    const { v, conversationId } = await strandedVisitor();
    v.send({
      type: 'message.leave',
      name: 'Zoé',
      email: 'zoe@example.com',
      text: 'Do you ship to Canada? <script>alert(1)</script>',
    });
    expect(await v.next('message.left')).toEqual({
      type: 'message.left',
      conversationId,
      email: 'zoe@example.com',
    });
    const [copy] = await smtp.waitFor(1);
    expect(copy!.to).toMatchObject({ text: 'zoe@example.com' });
    expect(copy!.from).toMatchObject({ text: '"Shop" <help@shop.example>' });
    expect(copy!.subject).toBe('Your message to Nimbus Notes support');
    expect(copy!.text).toContain('Do you ship to Canada? <script>alert(1)</script>');
    expect(copy!.html).toBe(false);

    const stored = await h.node.store.getConversation(conversationId);
    expect(stored).toMatchObject({ status: 'waiting', context: { origin: { kind: 'left-message' } } });
    expect(await h.node.store.getLeftMessage(conversationId)).toMatchObject({
      email: 'zoe@example.com',
      language: 'en',
    });

    // The visitor leaves; a left message is not closed for their absence.
    await v.close();
    await h.clock.advance(10 * 60_000);
    await h.node.sweep?.();
    expect((await h.node.store.getConversation(conversationId))?.status).toBe('waiting');

    // An agent comes online later: the message is offered, read and answered.
    const a = await agent(h);
    const { offer } = await a.next('offer.new');
    expect(offer.summary.origin).toEqual({ kind: 'left-message' });
    a.send({ type: 'offer.accept', offerId: offer.id });
    await a.next('conversation.opened');
    const texts = (await h.node.store.listMessages(conversationId, 0)).map((m) => `${m.author}:${m.text}`);
    expect(texts).toContain('visitor:Do you ship to Canada? <script>alert(1)</script>');
    a.send({
      type: 'message.send',
      conversationId,
      clientMsgId: 'reply-1',
      text: 'Yes, we do. <b>Free</b> over $50.',
    });
    await a.next('message.ack');
    // The same frame again (a resend) is stored once and mailed once.
    a.send({
      type: 'message.send',
      conversationId,
      clientMsgId: 'reply-1',
      text: 'Yes, we do. <b>Free</b> over $50.',
    });
    await a.next('message.ack');
    const [, reply] = await smtp.waitFor(2);
    expect(reply!.to).toMatchObject({ text: 'zoe@example.com' });
    expect(reply!.subject).toBe('Reply to your message — Nimbus Notes support');
    expect(reply!.text).toContain('Alex Agent replied to your message:\n\nYes, we do. <b>Free</b> over $50.');
    expect(reply!.html).toBe(false);
    await settle();
    expect(smtp.received).toHaveLength(2);
    await a.close();
  });

  it('writes the e-mails in French for a French widget', async () => {
    const widget = (await h.node.store.getWidget(h.demoWidgetId))!;
    await h.node.store.updateWidget({ ...widget, locale: 'fr' });
    const { v } = await strandedVisitor();
    v.send({ type: 'message.leave', name: 'Zoé', email: 'zoe@example.com', text: 'Livrez-vous au Canada ?' });
    await v.next('message.left');
    const [copy] = await smtp.waitFor(1);
    expect(copy!.subject).toBe('Votre message à Nimbus Notes support');
    expect(copy!.text).toContain('Bonjour Zoé,');
    expect(copy!.text).toContain('Livrez-vous au Canada ?');
    await v.close();
  });

  it('retries a mail the server refused, on the clock, and delivers it once', async () => {
    smtp.failNext(1);
    const { v } = await strandedVisitor();
    v.send({ type: 'message.leave', name: 'Zoé', email: 'zoe@example.com', text: 'Hello?' });
    await v.next('message.left');
    const start = h.clock.now();
    await vi.waitFor(() =>
      expect(outbox()).toEqual([
        expect.objectContaining({ kind: 'left-message-copy', attempts: 1, next_attempt_at: start + 30_000 }),
      ]),
    );
    expect(smtp.received).toHaveLength(0);
    await h.clock.advance(30_000);
    const [copy] = await smtp.waitFor(1);
    expect(copy!.text).toContain('Hello?');
    // Sent: the address and the content are gone from the row.
    await vi.waitFor(() =>
      expect(outbox()).toEqual([
        expect.objectContaining({ status: 'sent', recipient: null, body_text: null }),
      ]),
    );
    await h.clock.advance(60 * 60_000);
    expect(smtp.received).toHaveLength(1);
    await v.close();
  });

  it('retries a refused mail from the store, after the node that wrote it restarted', async () => {
    smtp.failNext(1);
    const { v } = await strandedVisitor();
    v.send({ type: 'message.leave', name: 'Zoé', email: 'zoe@example.com', text: 'Still there?' });
    await v.next('message.left');
    await vi.waitFor(() => expect(outbox()).toEqual([expect.objectContaining({ attempts: 1 })]));
    await v.close();
    await h.node.close();
    // A new node on the same database, its clock where the first one stopped: the retry is in the table.
    const clock = new FakeClock(h.clock.now());
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: h.dataDir!,
      BECKON_DEMO_PASSWORD: password,
      BECKON_SMTP_URL: smtp.url,
    });
    const restarted = await createBeckon({ config, clock, logger: pino({ level: 'silent' }) });
    try {
      await restarted.listen();
      await clock.advance(29_999);
      expect(smtp.received).toHaveLength(0);
      await clock.advance(10_001);
      const [copy] = await smtp.waitFor(1);
      expect(copy!.to).toMatchObject({ text: 'zoe@example.com' });
      expect(copy!.text).toContain('Still there?');
      await vi.waitFor(() => expect(outbox()).toEqual([expect.objectContaining({ status: 'sent' })]));
    } finally {
      await restarted.close();
    }
  });

  it('mails one visitor at most three copies a day, and stores every message', async () => {
    const { v } = await strandedVisitor();
    const left: string[] = [];
    for (let i = 1; i <= 4; i++) {
      v.send({ type: 'message.leave', name: 'Zoé', email: `zoe${i}@example.com`, text: `Message ${i}` });
      left.push((await v.next('message.left')).conversationId);
      v.send({ type: 'chat.close' });
      await v.next('conversation.update');
      v.send({ type: 'chat.start' });
      await v.next('leave.offer');
    }
    expect(new Set(left).size).toBe(4);
    for (const id of left) expect(await h.node.store.getLeftMessage(id)).toBeDefined();
    await smtp.waitFor(3);
    await vi.waitFor(() => expect(outbox().filter((row) => row.status === 'sent')).toHaveLength(3));
    expect(outbox()).toHaveLength(3);
    expect(smtp.received.map((mail) => (mail.to as { text: string }).text).sort()).toEqual([
      'zoe1@example.com',
      'zoe2@example.com',
      'zoe3@example.com',
    ]);
    await v.close();
  });

  it('refuses an invalid form with the protocol’s validation error', async () => {
    const { v } = await strandedVisitor();
    v.send({ type: 'message.leave', name: 'Zoé', email: 'not-an-address', text: 'Hi' });
    expect(await v.next('error')).toMatchObject({ code: 'VALIDATION_FAILED', ref: 'message.leave' });
    v.send({ type: 'message.leave', name: '', email: 'zoe@example.com', text: 'Hi' });
    expect(await v.next('error')).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(v.all('message.left')).toHaveLength(0);
    await v.close();
  });

  it('offers the form outside operating hours, and stores the message for the next opening', async () => {
    const widget = (await h.node.store.getWidget(h.demoWidgetId))!;
    // Open one hour on Sundays only: the harness clock is a Tuesday at 10:00 UTC.
    const periods = [{ day: 0, start: '00:00', end: '01:00' }];
    await h.node.store.updateWidget({ ...widget, operatingHours: { timeZone: 'UTC', periods } });
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    v.send({ type: 'chat.start' });
    expect(await v.next('error')).toMatchObject({ code: 'OUTSIDE_OPERATING_HOURS' });
    v.send({ type: 'message.leave', name: 'Zoé', email: 'zoe@example.com', text: 'When do you open?' });
    const { conversationId } = await v.next('message.left');
    expect((await h.node.store.getConversation(conversationId))?.context.origin).toEqual({
      kind: 'left-message',
    });
    await smtp.waitFor(1);
    await v.close();
  });

  it('tells a waiting visitor when the last agent of the queue goes offline, and offers the form', async () => {
    const a = await agent(h);
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    v.send({ type: 'chat.start' });
    const { conversation } = await v.next('conversation.update');
    await a.next('offer.new');
    expect(v.all('leave.offer')).toHaveLength(0);
    a.send({ type: 'presence.set', status: 'offline' });
    await a.next('presence');
    expect(await v.next('leave.offer')).toMatchObject({ conversationId: conversation.id });
    await Promise.all([a.close(), v.close()]);
  });
});
