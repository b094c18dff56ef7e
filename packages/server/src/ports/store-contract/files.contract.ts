import { describe, expect, it } from 'vitest';
import type { FileRow } from '../store.ts';
import { type GetStore, seedConversation, t0 } from './fixtures.ts';

/** The `FileStore` port (store/files.ts). */
export function describeFiles(getStore: GetStore): void {
  describe('files', () => {
    const file = (overrides: Partial<FileRow> = {}): FileRow => ({
      id: 'fil_1',
      conversationId: 'cnv_1',
      uploader: 'visitor',
      uploaderId: 'vis_1',
      clientId: 'up-1',
      name: 'reçu.pdf',
      contentType: 'application/pdf',
      size: 1234,
      createdAt: t0 + 10,
      ...overrides,
    });

    it('round-trips a file, optional fields absent until set', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      expect(await store.createFile(file())).toStrictEqual(file());
      expect(await store.getFile('fil_1')).toStrictEqual(file());
      expect(await store.getFile('fil_2')).toBeUndefined();
      const image = file({
        id: 'fil_2',
        clientId: 'up-2',
        contentType: 'image/png',
        width: 640,
        height: 480,
      });
      await store.createFile(image);
      await store.setFileMessage('fil_2', 'msg_9');
      expect(await store.getFile('fil_2')).toStrictEqual({ ...image, messageId: 'msg_9' });
    });

    it('stores one file per client id: a retry gets the first back, even when racing', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      const results = await Promise.all([
        store.createFile(file({ id: 'fil_a' })),
        store.createFile(file({ id: 'fil_b' })),
      ]);
      expect(results[0]?.id).toBe(results[1]?.id);
      expect(await store.findFileByClientId('cnv_1', 'vis_1', 'up-1')).toStrictEqual(results[0]);
      // The same client id from the other side of the conversation is another file.
      const agents = await store.createFile(file({ id: 'fil_c', uploader: 'agent', uploaderId: 'usr_1' }));
      expect(agents.id).toBe('fil_c');
      expect(await store.findFileByClientId('cnv_1', 'usr_1', 'other')).toBeUndefined();
    });

    it("lists a message's file with it, and none on the others", async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      const plain = await store.appendMessage({
        conversationId: 'cnv_1',
        author: 'visitor',
        text: 'hello',
        createdAt: t0 + 1,
      });
      const announced = await store.appendMessage({
        conversationId: 'cnv_1',
        author: 'visitor',
        text: '📎 reçu.pdf (1 KB)',
        clientMsgId: 'file:up-1',
        createdAt: t0 + 2,
      });
      await store.createFile(file());
      await store.setFileMessage('fil_1', announced.id);
      const messages = await store.listMessages('cnv_1', 0);
      expect(messages).toStrictEqual([
        plain,
        {
          ...announced,
          attachment: { id: 'fil_1', name: 'reçu.pdf', contentType: 'application/pdf', size: 1234 },
        },
      ]);
      expect(await store.listMessages('cnv_1', plain.seq)).toHaveLength(1);
    });

    it("finds files by their visitor's conversations, by ended conversations, and half-stored uploads", async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1', visitorId: 'vis_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await store.createFile(file({ id: 'fil_1', messageId: 'msg_1' }));
      await store.createFile(
        file({ id: 'fil_2', conversationId: 'cnv_2', uploaderId: 'vis_2', messageId: 'msg_2' }),
      );
      await store.createFile(file({ id: 'fil_3', clientId: 'up-3', createdAt: t0 + 20 }));
      expect((await store.filesOfVisitors(['vis_1'])).map((f) => f.id)).toEqual(['fil_1', 'fil_3']);
      expect(await store.filesOfVisitors([])).toEqual([]);
      // Open conversations keep their files.
      expect(await store.filesOfConversationsEndedBefore(t0 + 1_000, 10)).toEqual([]);
      await store.endConversation('cnv_2', t0 + 500);
      expect(await store.filesOfConversationsEndedBefore(t0 + 500, 10)).toEqual([]);
      expect((await store.filesOfConversationsEndedBefore(t0 + 501, 10)).map((f) => f.id)).toEqual(['fil_2']);
      // Only the one whose message was never stored, and only once it is older than asked.
      expect((await store.filesWithoutMessage(t0 + 21, 10)).map((f) => f.id)).toEqual(['fil_3']);
      expect(await store.filesWithoutMessage(t0 + 20, 10)).toEqual([]);
      expect(await store.deleteFiles(['fil_2', 'fil_3', 'fil_9'])).toBe(2);
      expect(await store.deleteFiles([])).toBe(0);
      expect((await store.filesOfVisitors(['vis_1', 'vis_2'])).map((f) => f.id)).toEqual(['fil_1']);
    });

    it('keeps a quarantined file with its signature: never a half-stored upload, purged with its conversation', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      const flagged = file({ quarantinedSignature: 'Eicar-Test-Signature' });
      expect(await store.createFile(flagged)).toStrictEqual(flagged);
      expect(await store.getFile('fil_1')).toStrictEqual(flagged);
      expect(await store.filesWithoutMessage(t0 + 1_000_000, 10)).toEqual([]);
      await store.endConversation('cnv_1', t0 + 100);
      expect((await store.filesOfConversationsEndedBefore(t0 + 200, 10)).map((f) => f.id)).toEqual(['fil_1']);
    });

    it('counts a file of a purged conversation as over', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await store.createFile(file({ messageId: 'msg_1' }));
      await store.endConversation('cnv_1', t0 + 100);
      expect(await store.purgeConversations(t0 + 200, 10)).toBe(1);
      expect((await store.filesOfConversationsEndedBefore(t0, 10)).map((f) => f.id)).toEqual(['fil_1']);
    });

    it('exports the files of the subject, and erases their rows with the conversation', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await store.createFile(file());
      expect((await store.collectPersonalData({ visitorIds: ['vis_1'] })).files).toStrictEqual([file()]);
      const erased = await store.erasePersonalData({ visitorIds: ['vis_1'] });
      expect(erased.files).toBe(1);
      expect(await store.getFile('fil_1')).toBeUndefined();
    });
  });
}
