import { describe, expect, it } from 'vitest';
import { newMessageId } from './message-ids.ts';

describe('newMessageId', () => {
  it('begins with the time, so later ids sort after earlier ones, and never repeats', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => newMessageId(1_764_990_000_000 + Math.floor(i / 7)));
    expect(ids.every((id) => /^msg_[0-9a-f]{32}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i += 7)
      expect(ids[i - 1]!.slice(0, 16) <= ids[i]!.slice(0, 16)).toBe(true);
    expect([...ids].sort((a, b) => a.slice(0, 16).localeCompare(b.slice(0, 16)))).toEqual(ids);
  });
});
