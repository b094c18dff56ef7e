import { describe, expect, it } from 'vitest';
import { OwnEchoes } from './own-echoes.ts';

const copy = (author: string, clientMsgId?: string) => ({
  type: 'message',
  message: clientMsgId === undefined ? { author } : { author, clientMsgId },
});

describe('OwnEchoes', () => {
  it("recognises the copy of this socket's message once, by author and client id", () => {
    const echoes = new OwnEchoes();
    echoes.expect('c1');
    expect(echoes.isEcho(copy('agent', 'c1'), 'visitor')).toBe(false);
    expect(echoes.isEcho({ type: 'typing' }, 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('visitor'), 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('visitor', 'c2'), 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('visitor', 'c1'), 'visitor')).toBe(true);
    // A second copy (a redelivery) is sent: the client de-duplicates by seq.
    expect(echoes.isEcho(copy('visitor', 'c1'), 'visitor')).toBe(false);
  });

  it('forgets the oldest expectations beyond its bound', () => {
    const echoes = new OwnEchoes(2);
    for (const id of ['a', 'b', 'c']) echoes.expect(id);
    expect(echoes.isEcho(copy('visitor', 'a'), 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('visitor', 'b'), 'visitor')).toBe(true);
    expect(echoes.isEcho(copy('visitor', 'c'), 'visitor')).toBe(true);
  });
});
