import { describe, expect, it } from 'vitest';
import { OwnEchoes } from './own-echoes.ts';

/** A `message` frame's text as the bus carries it, built the way the conversations service builds it. */
const copy = (author: string, clientMsgId?: string, text = 'hi') =>
  JSON.stringify({
    type: 'message',
    message: { id: 'msg_1', conversationId: 'c', seq: 1, author, text, clientMsgId, createdAt: 1 },
  });

describe('OwnEchoes', () => {
  it("recognises the copy of this socket's message once, by author and client id", () => {
    const echoes = new OwnEchoes();
    echoes.expect('c1');
    expect(echoes.isEcho(copy('agent', 'c1'), 'visitor')).toBe(false);
    expect(echoes.isEcho(JSON.stringify({ type: 'typing', clientMsgId: 'c1' }), 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('visitor'), 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('visitor', 'c2'), 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('visitor', 'c1'), 'visitor')).toBe(true);
    // A second copy (a redelivery) is sent: the client de-duplicates by seq.
    expect(echoes.isEcho(copy('visitor', 'c1'), 'visitor')).toBe(false);
  });

  it('is not fooled by a message text that spells out the author and client id', () => {
    const echoes = new OwnEchoes();
    echoes.expect('c1');
    const spoof = '"author":"visitor","clientMsgId":"c1"';
    expect(echoes.isEcho(copy('agent', 'c9', spoof), 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('visitor', 'c9', spoof), 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('agent', 'c1', spoof), 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('visitor', 'c1', spoof), 'visitor')).toBe(true);
  });

  it('forgets the oldest expectations beyond its bound', () => {
    const echoes = new OwnEchoes(2);
    for (const id of ['a', 'b', 'c']) echoes.expect(id);
    expect(echoes.isEcho(copy('visitor', 'a'), 'visitor')).toBe(false);
    expect(echoes.isEcho(copy('visitor', 'b'), 'visitor')).toBe(true);
    expect(echoes.isEcho(copy('visitor', 'c'), 'visitor')).toBe(true);
  });
});
