import type { ChatMessage } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { Transcript } from './transcript.ts';

// Ordering, de-duplication and settling are the protocol's message ledger (tested there); this is the pane's view.
function message(seq: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    author: 'agent',
    text: `text ${seq}`,
    createdAt: seq * 1000,
    ...extra,
  };
}

describe('Transcript', () => {
  it('tells whether a message is new', () => {
    const log = new Transcript();
    expect(log.receive(message(2))).toBe(true);
    expect(log.receive(message(1))).toBe(true);
    expect(log.receive(message(2))).toBe(false);
    expect(log.list().map((m) => m.seq)).toEqual([1, 2]);
  });

  it('shows a pending message at once, after the stored ones, and settles it on ack', () => {
    const log = new Transcript();
    log.receive(message(1));
    log.addPending('cm-1', 'hello', 5);
    expect(log.list().at(-1)).toMatchObject({ key: 'cm-1', status: 'pending', text: 'hello' });
    expect(log.unacked().map((m) => m.clientMsgId)).toEqual(['cm-1']);
    log.receive(message(2));
    expect(log.list().map((m) => m.key)).toEqual(['m1', 'm2', 'cm-1']);
    expect(log.ack('cm-1', 'm3', 3)).toMatchObject({ id: 'm3', seq: 3, author: 'visitor', text: 'hello' });
    expect(log.list().map((m) => [m.key, m.status])).toEqual([
      ['m1', 'sent'],
      ['m2', 'sent'],
      ['m3', 'sent'],
    ]);
    expect(log.unacked()).toEqual([]);
    expect(log.lastSeq).toBe(3);
    expect(log.ack('cm-1', 'm3', 3)).toBeUndefined();
  });

  it('reports no sent message when the ack names a message already shown', () => {
    const log = new Transcript();
    log.addPending('cm-2', 'hi', 1);
    log.receive(message(1, { id: 'm-x', author: 'visitor', text: 'hi' }));
    expect(log.ack('cm-2', 'm-x', 1)).toBeUndefined();
    expect(log.list().map((m) => m.key)).toEqual(['m-x']);
  });

  it('starts over for another conversation but keeps unsent messages', () => {
    const log = new Transcript();
    log.receive(message(1));
    log.receive(message(2));
    log.addPending('cm-3', 'still here', 1);
    log.setConversation('c2');
    expect(log.lastSeq).toBe(0);
    expect(log.list().map((m) => m.key)).toEqual(['cm-3']);
    log.receive(message(1, { id: 'n1', conversationId: 'c2' }));
    expect(log.lastSeq).toBe(1);
    expect(log.receive(message(1, { id: 'z1', conversationId: 'c3' }))).toBe(true);
    expect(log.list().map((m) => m.key)).toEqual(['z1', 'cm-3']);
  });

  it('marks unsent messages failed and forgets everything on clear', () => {
    const log = new Transcript();
    log.addPending('cm-4', 'lost', 1);
    log.failPending();
    expect(log.list()[0]?.status).toBe('failed');
    expect(log.unacked()).toEqual([]);
    log.clear();
    expect(log.list()).toEqual([]);
    expect(log.conversationId).toBeUndefined();
  });

  it('returns a new list snapshot on every change and the same one otherwise', () => {
    const log = new Transcript();
    const before = log.list();
    expect(log.list()).toBe(before);
    log.receive(message(1));
    expect(log.list()).not.toBe(before);
    const after = log.list();
    log.receive(message(1));
    expect(log.list()).toBe(after);
  });
});
