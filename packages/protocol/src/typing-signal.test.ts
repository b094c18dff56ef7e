import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { TypingSignal } from './typing-signal.ts';

describe('TypingSignal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('sends true once per repeat period while typing, then false after the idle time', () => {
    const sent: boolean[] = [];
    const signal = new TypingSignal(
      (typing) => sent.push(typing),
      () => Date.now(),
    );
    signal.input(false);
    vi.advanceTimersByTime(1000);
    signal.input(false);
    vi.advanceTimersByTime(1000);
    signal.input(false);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1000);
    signal.input(false); // 3 s after the first frame: repeated for a receiver that missed it
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(3999);
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, true, false]);
  });

  test('clearing the field or sending stops at once, and only once', () => {
    const sent: boolean[] = [];
    const signal = new TypingSignal(
      (typing) => sent.push(typing),
      () => Date.now(),
    );
    signal.input(false);
    signal.input(true);
    signal.stop();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
  });
});
