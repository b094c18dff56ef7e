import { describe, expect, test } from 'vitest';
import { clockSkew, elapsedSince, formatDuration, formatLocation, secondsLeft } from './format.ts';

describe('formatDuration', () => {
  test.each([
    [0, '0 s'],
    [-5_000, '0 s'],
    [42_000, '42 s'],
    [29_600, '30 s'],
    [59_400, '59 s'],
    [60_000, '1 min'],
    [125_000, '2 min 5 s'],
    [3_600_000, '1 h'],
    [3_780_000, '1 h 3 min'],
    [2 * 86_400_000 + 4 * 3_600_000, '2 d 4 h'],
    [Number.NaN, '0 s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('countdown with clock skew', () => {
  test('a fresh 120 s offer shows 120 when both clocks agree', () => {
    const now = 1_000_000;
    const skew = clockSkew(now, now);
    expect(secondsLeft(now + 120_000, skew, now)).toBe(120);
    expect(secondsLeft(now + 120_000, skew, now + 500)).toBe(120);
    expect(secondsLeft(now + 120_000, skew, now + 1_000)).toBe(119);
  });

  test('a local clock five minutes behind the server still counts down from 120', () => {
    const server = 10_000_000;
    const local = server - 300_000;
    const skew = clockSkew(server, local);
    expect(skew).toBe(300_000);
    expect(secondsLeft(server + 120_000, skew, local)).toBe(120);
    expect(secondsLeft(server + 120_000, skew, local + 30_000)).toBe(90);
  });

  test('a local clock ahead of the server does not expire the offer early', () => {
    const server = 10_000_000;
    const local = server + 3_600_000;
    const skew = clockSkew(server, local);
    expect(secondsLeft(server + 60_000, skew, local + 10_000)).toBe(50);
  });

  test('never negative after the deadline', () => {
    expect(secondsLeft(1_000, 0, 5_000)).toBe(0);
  });

  test('elapsed time is measured on the server clock', () => {
    expect(elapsedSince(9_000, 1_000, 10_000)).toBe(2_000);
    expect(elapsedSince(20_000, 0, 10_000)).toBe(0);
  });
});

describe('formatLocation', () => {
  test('city, region, country, skipping what is missing', () => {
    expect(formatLocation({ city: 'Lyon', region: 'Auvergne-Rhône-Alpes', country: 'FR' })).toBe(
      'Lyon, Auvergne-Rhône-Alpes, FR',
    );
    expect(formatLocation({ country: 'BE' })).toBe('BE');
    expect(formatLocation({})).toBe('Unknown');
  });
});
