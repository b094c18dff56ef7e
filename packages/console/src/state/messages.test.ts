import type { ChatMessage } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { lastSeq, mergeMessages, newClientMsgId, newMessages, settlePending } from './messages.ts';

function message(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    author: 'visitor',
    text: `text ${seq}`,
    createdAt: 1_000 + seq,
    ...overrides,
  };
}

describe('mergeMessages', () => {
  test('orders by seq and keeps one copy per id', () => {
    const merged = mergeMessages([message(1), message(3)], [message(2), message(3), message(2)]);
    expect(merged.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  test('the first copy wins when an id is replayed', () => {
    const merged = mergeMessages([message(1, { text: 'original' })], [message(1, { text: 'replayed' })]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.text).toBe('original');
  });

  test('returns the same array when nothing is new (no re-render)', () => {
    const existing = [message(1), message(2)];
    expect(mergeMessages(existing, [message(2)])).toBe(existing);
  });

  test('a catch-up after reconnect fills the gap', () => {
    const merged = mergeMessages([message(1), message(2), message(5)], [message(3), message(4), message(5)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(lastSeq(merged)).toBe(5);
  });
});

describe('newMessages', () => {
  test('only ids not held yet, each once', () => {
    expect(newMessages([message(1)], [message(1), message(2), message(2)]).map((m) => m.id)).toEqual(['m2']);
  });
});

describe('lastSeq', () => {
  test('0 for an empty transcript', () => {
    expect(lastSeq([])).toBe(0);
  });
});

describe('settlePending', () => {
  test('drops pending messages the transcript holds, keeps the rest', () => {
    const pending = [
      { clientMsgId: 'a', conversationId: 'c1', text: 'one', createdAt: 1 },
      { clientMsgId: 'b', conversationId: 'c1', text: 'two', createdAt: 2 },
    ];
    const settled = settlePending(pending, [message(4, { author: 'agent', clientMsgId: 'a' })]);
    expect(settled.map((p) => p.clientMsgId)).toEqual(['b']);
    expect(settlePending(settled, [message(5)])).toBe(settled);
  });
});

test('client message ids are unique', () => {
  expect(newClientMsgId()).not.toBe(newClientMsgId());
});
