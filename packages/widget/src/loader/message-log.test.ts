import type { ChatMessage } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { MessageLog } from './message-log.ts';

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

describe('MessageLog', () => {
  it('orders by seq and ignores duplicates by id or seq', () => {
    const log = new MessageLog();
    expect(log.receive(message(2))).toBe(true);
    expect(log.receive(message(1))).toBe(true);
    expect(log.receive(message(2))).toBe(false);
    expect(log.receive(message(1, { id: 'other' }))).toBe(false);
    expect(log.list().map((m) => m.seq)).toEqual([1, 2]);
  });

  it('keeps lastSeq at the highest seq with nothing missing before it', () => {
    const log = new MessageLog();
    log.receive(message(1));
    log.receive(message(3));
    expect(log.lastSeq).toBe(1);
    log.receive(message(2));
    expect(log.lastSeq).toBe(3);
  });

  it('shows a pending message at once and settles it on ack', () => {
    const log = new MessageLog();
    log.receive(message(1));
    const pending = log.addPending('cm-1', 'hello', 5);
    expect(log.list().at(-1)).toMatchObject({ key: 'cm-1', status: 'pending', text: 'hello' });
    expect(log.unacked()).toEqual([pending]);
    log.receive(message(2));
    expect(log.list().map((m) => m.key)).toEqual(['m1', 'm2', 'cm-1']);
    expect(log.ack('cm-1', 'm3', 3)).toBeDefined();
    expect(log.list().map((m) => [m.key, m.status])).toEqual([
      ['m1', 'sent'],
      ['m2', 'sent'],
      ['m3', 'sent'],
    ]);
    expect(log.unacked()).toEqual([]);
    expect(log.lastSeq).toBe(3);
    expect(log.ack('cm-1', 'm3', 3)).toBeUndefined();
  });

  it('treats the stored copy of a pending message as its ack (reconnect after the ack was lost)', () => {
    const log = new MessageLog();
    log.addPending('cm-9', 'are you there?', 1);
    log.receive(message(1, { id: 'm-own', author: 'visitor', clientMsgId: 'cm-9', text: 'are you there?' }));
    expect(log.list()).toHaveLength(1);
    expect(log.list()[0]).toMatchObject({ id: 'm-own', status: 'sent' });
    expect(log.ack('cm-9', 'm-own', 1)).toBeUndefined();
    expect(log.list()).toHaveLength(1);
  });

  it('drops a pending copy whose ack names a message already shown', () => {
    const log = new MessageLog();
    log.addPending('cm-2', 'hi', 1);
    log.receive(message(1, { id: 'm-x', author: 'visitor', text: 'hi' }));
    log.ack('cm-2', 'm-x', 1);
    expect(log.list().map((m) => m.key)).toEqual(['m-x']);
  });

  it('starts over for another conversation but keeps unsent messages', () => {
    const log = new MessageLog();
    log.receive(message(1));
    log.receive(message(2));
    log.addPending('cm-3', 'still here', 1);
    log.setConversation('c2');
    expect(log.lastSeq).toBe(0);
    expect(log.list().map((m) => m.key)).toEqual(['cm-3']);
    log.receive(message(1, { id: 'n1', conversationId: 'c2' }));
    expect(log.lastSeq).toBe(1);
  });

  it('marks unsent messages failed and forgets everything on clear', () => {
    const log = new MessageLog();
    log.addPending('cm-4', 'lost', 1);
    log.failPending();
    expect(log.list()[0]?.status).toBe('failed');
    expect(log.unacked()).toEqual([]);
    log.clear();
    expect(log.list()).toEqual([]);
    expect(log.conversationId).toBeUndefined();
  });

  it('returns a new list snapshot on every change and the same one otherwise', () => {
    const log = new MessageLog();
    const before = log.list();
    expect(log.list()).toBe(before);
    log.receive(message(1));
    expect(log.list()).not.toBe(before);
  });
});
