import { describe, expect, it } from 'vitest';
import { estimateWaitSeconds } from './queue-positions.ts';

describe('estimateWaitSeconds', () => {
  it('is position × average handling time ÷ slots', () => {
    expect(estimateWaitSeconds(1, { averageHandlingMs: 300_000, slots: 3 })).toBe(100);
    expect(estimateWaitSeconds(3, { averageHandlingMs: 300_000, slots: 3 })).toBe(300);
    expect(estimateWaitSeconds(2, { averageHandlingMs: 90_000, slots: 1 })).toBe(180);
  });

  it('is unknown without history or without anyone available', () => {
    expect(estimateWaitSeconds(1, { slots: 3 })).toBeUndefined();
    expect(estimateWaitSeconds(1, { averageHandlingMs: 60_000, slots: 0 })).toBeUndefined();
  });
});
