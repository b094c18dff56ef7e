import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight.ts';

describe('InFlight', () => {
  it('is idle at once with nothing running', async () => {
    const inFlight = new InFlight();
    await inFlight.idle();
    expect(inFlight.size).toBe(0);
  });

  it('waits for work begun while waiting, and wakes every waiter', async () => {
    const inFlight = new InFlight();
    inFlight.begin();
    const woke: string[] = [];
    const first = inFlight.idle().then(() => woke.push('first'));
    const second = inFlight.idle().then(() => woke.push('second'));
    inFlight.begin();
    inFlight.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(woke).toEqual([]);
    expect(inFlight.size).toBe(1);

    inFlight.end();
    await Promise.all([first, second]);
    expect(woke).toEqual(['first', 'second']);
    expect(inFlight.size).toBe(0);
  });
});
