import { describe, expect, it } from 'vitest';
import type { NewOutboxMail } from '../store.ts';
import { type GetStore, t0 } from './fixtures.ts';

const limits = { since: t0 - 1000, perConversation: 3, perVisitor: 5 };

function mail(id: string, extra: Partial<NewOutboxMail> = {}): NewOutboxMail {
  return {
    id,
    kind: 'transcript',
    visitorId: 'vis_1',
    conversationId: 'cnv_1',
    recipient: 'zoe@example.com',
    language: 'fr',
    timeZone: 'Europe/Paris',
    createdAt: t0,
    ...extra,
  };
}

/** The `MailOutboxStore` port (store/mail-outbox.ts). */
export function describeMailOutbox(getStore: GetStore): void {
  describe('mail outbox', () => {
    it('queues within the limits per conversation and per visitor', async () => {
      const store = getStore();
      for (const id of ['m1', 'm2', 'm3']) expect(await store.enqueueMail(mail(id), limits)).toBe('queued');
      expect(await store.enqueueMail(mail('m4'), limits)).toBe('limited');
      expect(await store.enqueueMail(mail('m5', { conversationId: 'cnv_2' }), limits)).toBe('queued');
      expect(await store.enqueueMail(mail('m6', { conversationId: 'cnv_2' }), limits)).toBe('queued');
      expect(await store.enqueueMail(mail('m7', { conversationId: 'cnv_3' }), limits)).toBe('limited');
      // Another visitor has its own count; rows before `since` do not count.
      expect(await store.enqueueMail(mail('m8', { visitorId: 'vis_2' }), limits)).toBe('queued');
      expect(await store.enqueueMail(mail('m9'), { ...limits, since: t0 + 1 })).toBe('queued');
    });

    it('lets one of two racing claimers have a mail, and none claim it again before the claim lapses', async () => {
      const store = getStore();
      await store.enqueueMail(mail('m1'), limits);
      const [a, b] = await Promise.all([
        store.claimDueMails(t0, 'node_a', t0 + 60_000, 10),
        store.claimDueMails(t0, 'node_b', t0 + 60_000, 10),
      ]);
      expect([...a!, ...b!]).toEqual([{ ...mail('m1'), attempts: 0 }]);
      expect(await store.claimDueMails(t0 + 59_999, 'node_b', t0 + 120_000, 10)).toEqual([]);
      expect(await store.claimDueMails(t0 + 60_001, 'node_b', t0 + 120_000, 10)).toHaveLength(1);
    });

    it('retries a failed mail when due, and forgets the address once sent or given up', async () => {
      const store = getStore();
      await store.enqueueMail(mail('m1'), limits);
      await store.enqueueMail(mail('m2', { conversationId: 'cnv_2' }), limits);
      expect(await store.claimDueMails(t0, 'node_a', t0 + 60_000, 10)).toHaveLength(2);
      await store.mailFailed('m1', t0 + 30_000);
      await store.mailFailed('m2', undefined);
      expect(await store.claimDueMails(t0 + 29_999, 'node_a', t0 + 60_000, 10)).toEqual([]);
      expect(await store.claimDueMails(t0 + 30_000, 'node_a', t0 + 90_000, 10)).toEqual([
        { ...mail('m1'), attempts: 1 },
      ]);
      await store.mailSent('m1', t0 + 30_001);
      expect(await store.claimDueMails(t0 + 99_999_999, 'node_a', t0 + 99_999_999, 10)).toEqual([]);
      // Sent and given-up rows still count for the limits until purged.
      expect(await store.enqueueMail(mail('m3'), { ...limits, perConversation: 1 })).toBe('limited');
      expect(await store.purgeMailOutbox(t0)).toBe(0);
      expect(await store.purgeMailOutbox(t0 + 1)).toBe(2);
      expect(await store.enqueueMail(mail('m3'), { ...limits, perConversation: 1 })).toBe('queued');
    });

    it('keeps a written mail with its content until it is sent, each kind counting for its own limits', async () => {
      const store = getStore();
      const content = { subject: 'Your message', text: 'Hello Zoé,\n\nWe received it.\n' };
      const copy = (id: string) =>
        mail(id, { kind: 'left-message-copy', language: 'en', timeZone: undefined, content });
      // Transcripts' rows do not count against copies, and a mail without limits is always queued.
      for (const id of ['t1', 't2', 't3']) await store.enqueueMail(mail(id), limits);
      expect(await store.enqueueMail(copy('c1'), { ...limits, perConversation: 1 })).toBe('queued');
      expect(await store.enqueueMail(copy('c2'), { ...limits, perConversation: 1 })).toBe('limited');
      expect(await store.enqueueMail(copy('c3'))).toBe('queued');
      const claimed = await store.claimDueMails(t0, 'node_a', t0 + 60_000, 10);
      const { timeZone: _zone, ...withoutZone } = copy('c1');
      expect(claimed.find((row) => row.id === 'c1')).toEqual({ ...withoutZone, attempts: 0 });
      expect(claimed.find((row) => row.id === 't1')?.content).toBeUndefined();
      await store.mailFailed('c1', t0 + 30_000);
      expect(
        (await store.claimDueMails(t0 + 30_000, 'node_a', t0 + 90_000, 10)).find((row) => row.id === 'c1')
          ?.content,
      ).toEqual(content);
    });
  });
}
