import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DraftSignal } from './draft-signal.ts';

describe('DraftSignal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('sends the first keystroke at once, then at most once an interval, always the latest text', () => {
    const sent: string[] = [];
    const signal = new DraftSignal((draft) => sent.push(draft), Date.now, 1000);
    signal.input('H');
    expect(sent).toEqual(['H']);
    vi.advanceTimersByTime(300);
    signal.input('He');
    vi.advanceTimersByTime(300);
    signal.input('Hel');
    expect(sent).toEqual(['H']);
    vi.advanceTimersByTime(399);
    expect(sent).toEqual(['H']);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['H', 'Hel']);
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual(['H', 'Hel']);
    signal.input('Hello');
    expect(sent).toEqual(['H', 'Hel', 'Hello']);
  });

  test('stop drops what is pending: a sent message is not followed by its draft', () => {
    const sent: string[] = [];
    const signal = new DraftSignal((draft) => sent.push(draft), Date.now, 1000);
    signal.input('Hi');
    signal.input('Hi there');
    signal.stop();
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual(['Hi']);
  });
});
