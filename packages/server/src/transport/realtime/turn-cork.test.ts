import { describe, expect, it } from 'vitest';
import { corkForTurn } from './turn-cork.ts';

/** A socket that records what reaches the wire: writes made while corked go out together on uncork. */
function socket() {
  let corked = 0;
  let held: string[] = [];
  const wire: string[][] = [];
  return {
    wire,
    cork: () => {
      corked += 1;
    },
    uncork: () => {
      corked -= 1;
      if (corked === 0 && held.length > 0) {
        wire.push(held);
        held = [];
      }
    },
    write(frame: string) {
      if (corked > 0) held.push(frame);
      else wire.push([frame]);
    },
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('corkForTurn', () => {
  it("sends each socket's frames of one turn in one write, in order, and the next turn's in another", async () => {
    const a = socket();
    const b = socket();
    for (const frame of ['a1', 'a2']) {
      corkForTurn(a);
      a.write(frame);
    }
    corkForTurn(b);
    b.write('b1');
    corkForTurn(a);
    a.write('a3');
    expect(a.wire).toEqual([]);
    await nextTurn();
    expect(a.wire).toEqual([['a1', 'a2', 'a3']]);
    expect(b.wire).toEqual([['b1']]);
    corkForTurn(a);
    a.write('a4');
    await nextTurn();
    expect(a.wire).toEqual([['a1', 'a2', 'a3'], ['a4']]);
  });
});
