import { describe, expect, it } from 'vitest';
import { reconnectDelay, reconnectDelaysMs } from './backoff.ts';

describe('reconnectDelay', () => {
  const middle = () => 0.5;

  it('follows 1 s, 2 s, 5 s, 10 s, 30 s and stays capped', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map((attempt) => reconnectDelay(attempt, middle))).toEqual([
      1000, 2000, 5000, 10_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('jitters by at most 20 %', () => {
    for (const [attempt, base] of reconnectDelaysMs.entries()) {
      expect(reconnectDelay(attempt, () => 0)).toBe(base * 0.8);
      expect(reconnectDelay(attempt, () => 0.999_999)).toBeLessThanOrEqual(base * 1.2);
    }
  });

  it('treats odd attempts as the first', () => {
    expect(reconnectDelay(-3, middle)).toBe(1000);
    expect(reconnectDelay(Number.NaN, middle)).toBe(1000);
  });
});
