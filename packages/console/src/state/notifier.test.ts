import { describe, expect, it } from 'vitest';
import { alertFor, mutedStorageKey, readMuted, writeMuted } from './notifier.ts';

describe('notifier', () => {
  it('alerts on offers and visitor messages only', () => {
    const message = {
      id: 'm1',
      conversationId: 'c1',
      seq: 1,
      author: 'visitor' as const,
      authorName: 'Alice',
      text: 'Hello',
      createdAt: 1,
    };
    expect(alertFor({ type: 'message', message })).toEqual({ title: 'Alice', body: 'Hello' });
    expect(alertFor({ type: 'message', message: { ...message, author: 'agent' } })).toBeUndefined();
    expect(alertFor({ type: 'presence', status: 'available' })).toBeUndefined();
  });

  it('remembers the mute choice, and survives a storage that throws', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => data.set(k, v),
    };
    expect(readMuted(storage)).toBe(false);
    writeMuted(storage, true);
    expect(data.get(mutedStorageKey)).toBe('1');
    expect(readMuted(storage)).toBe(true);
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readMuted(broken)).toBe(false);
    expect(() => writeMuted(broken, true)).not.toThrow();
  });
});
