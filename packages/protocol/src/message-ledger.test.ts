import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  emptyLedger,
  fail,
  lastSeq,
  type MessageLedger,
  queue,
  receive,
  unacknowledged,
} from './message-ledger.ts';

interface Stored {
  id: string;
  seq: number;
  clientMsgId?: string;
  text: string;
}

const stored = (seq: number, extra: Partial<Stored> = {}): Stored => ({
  id: `m${seq}`,
  seq,
  text: `text ${seq}`,
  ...extra,
});
const outgoing = (clientMsgId: string, text = clientMsgId) => ({ clientMsgId, text, createdAt: 1 });
const seqs = (ledger: MessageLedger<Stored>) => ledger.messages.map((m) => m.seq);

describe('message ledger', () => {
  it('orders by seq and keeps the first copy of each seq', () => {
    const ledger = receive(emptyLedger<Stored>(), [
      stored(3),
      stored(1),
      stored(3, { text: 'again' }),
      stored(2),
    ]);
    expect(seqs(ledger)).toEqual([1, 2, 3]);
    expect(ledger.messages[2]?.text).toBe('text 3');
  });

  it('returns the same ledger when nothing is new', () => {
    const ledger = receive(emptyLedger<Stored>(), [stored(1)]);
    expect(receive(ledger, [stored(1)])).toBe(ledger);
    expect(receive(ledger, [])).toBe(ledger);
    expect(fail(ledger)).toBe(ledger);
    expect(acknowledge(ledger, 'unknown', () => stored(9))).toBe(ledger);
  });

  it('keeps lastSeq at the highest seq with nothing missing before it', () => {
    let ledger = receive(emptyLedger<Stored>(), [stored(1), stored(3)]);
    expect(lastSeq(ledger)).toBe(1);
    ledger = receive(ledger, [stored(2)]);
    expect(lastSeq(ledger)).toBe(3);
    expect(lastSeq(emptyLedger())).toBe(0);
    expect(lastSeq(receive(emptyLedger<Stored>(), [stored(2)]))).toBe(0);
  });

  it('settles a pending message on its ack, once', () => {
    let ledger = queue(receive(emptyLedger<Stored>(), [stored(1)]), outgoing('c1', 'hello'));
    expect(unacknowledged(ledger).map((p) => p.clientMsgId)).toEqual(['c1']);
    const store = (p: { text: string }) => stored(2, { id: 'own', clientMsgId: 'c1', text: p.text });
    ledger = acknowledge(ledger, 'c1', store);
    expect(ledger.messages.map((m) => [m.seq, m.id, m.text])).toEqual([
      [1, 'm1', 'text 1'],
      [2, 'own', 'hello'],
    ]);
    expect(ledger.pending).toEqual([]);
    expect(acknowledge(ledger, 'c1', store)).toBe(ledger);
  });

  it('treats the stored copy of a pending message as its ack (the ack was lost with the socket)', () => {
    let ledger = queue(emptyLedger<Stored>(), outgoing('c9'));
    ledger = receive(ledger, [stored(1, { id: 'own', clientMsgId: 'c9' })]);
    expect(ledger.pending).toEqual([]);
    expect(acknowledge(ledger, 'c9', () => stored(1, { id: 'own' }))).toBe(ledger);
    expect(ledger.messages).toHaveLength(1);
  });

  it('drops a pending message whose ack names a seq already held', () => {
    let ledger = queue(emptyLedger<Stored>(), outgoing('c2'));
    ledger = receive(ledger, [stored(1, { id: 'x' })]);
    ledger = acknowledge(ledger, 'c2', () => stored(1, { id: 'x', clientMsgId: 'c2' }));
    expect(ledger.messages.map((m) => m.id)).toEqual(['x']);
    expect(ledger.pending).toEqual([]);
  });

  it('marks one or every pending message failed; failed ones are not resent', () => {
    let ledger = queue(queue(emptyLedger<Stored>(), outgoing('a')), outgoing('b'));
    ledger = fail(ledger, 'a');
    expect(ledger.pending.map((p) => [p.clientMsgId, p.failed === true])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(unacknowledged(ledger).map((p) => p.clientMsgId)).toEqual(['b']);
    ledger = fail(ledger);
    expect(unacknowledged(ledger)).toEqual([]);
    expect(ledger.pending).toHaveLength(2);
  });

  it('keeps the fields of a wider state object', () => {
    const state = { ...emptyLedger<Stored>(), unread: 3 };
    expect(receive(state, [stored(1)]).unread).toBe(3);
    expect(queue(state, outgoing('a')).unread).toBe(3);
  });
});

/**
 * A model of the wire: a server that stores each clientMsgId once, frames to the server that a reconnect loses,
 * frames to the client delivered in any order and any number of times (redelivery after a refill), and
 * reconnects that resume from the ledger's lastSeq and resend what it holds unacknowledged.
 */
type Step =
  | { kind: 'send' }
  | { kind: 'agent' }
  | { kind: 'server'; pick: number }
  | { kind: 'client'; pick: number; duplicate: boolean }
  | { kind: 'reconnect' };

type ToClient =
  | { type: 'ack'; clientMsgId: string; id: string; seq: number }
  | { type: 'message'; message: Stored };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'send' }),
  fc.constant<Step>({ kind: 'agent' }),
  fc.nat().map<Step>((pick) => ({ kind: 'server', pick })),
  fc.record({ pick: fc.nat(), duplicate: fc.boolean() }).map<Step>((s) => ({ kind: 'client', ...s })),
  fc.constant<Step>({ kind: 'reconnect' }),
);

function run(steps: Step[]) {
  const store: Stored[] = [];
  let toServer: { clientMsgId: string; text: string }[] = [];
  let toClient: ToClient[] = [];
  let ledger = emptyLedger<Stored>();
  const sent: string[] = [];

  const append = (text: string, clientMsgId?: string): Stored => {
    const existing = clientMsgId ? store.find((m) => m.clientMsgId === clientMsgId) : undefined;
    if (existing) return existing;
    const message = { id: `id${store.length + 1}`, seq: store.length + 1, text, clientMsgId };
    store.push(message);
    return message;
  };
  const reconnect = () => {
    // Frames in flight are lost with the socket; the hello asks for everything after lastSeq.
    toServer = [];
    toClient = store.filter((m) => m.seq > lastSeq(ledger)).map((message) => ({ type: 'message', message }));
    const resend = unacknowledged(ledger);
    // Everything sent that the client does not hold as stored is resent.
    for (const clientMsgId of sent) {
      if (ledger.messages.some((m) => m.clientMsgId === clientMsgId)) continue;
      expect(resend.map((p) => p.clientMsgId)).toContain(clientMsgId);
    }
    toServer.push(...resend);
  };
  const deliverToServer = (index: number) => {
    const [frame] = toServer.splice(index, 1);
    if (!frame) return;
    const message = append(frame.text, frame.clientMsgId);
    toClient.push({ type: 'ack', clientMsgId: frame.clientMsgId, id: message.id, seq: message.seq });
  };
  const deliverToClient = (index: number, duplicate: boolean) => {
    const frame = duplicate ? toClient[index] : toClient.splice(index, 1)[0];
    if (!frame) return;
    if (frame.type === 'message') ledger = receive(ledger, [frame.message]);
    else
      ledger = acknowledge(ledger, frame.clientMsgId, (p) => ({
        id: frame.id,
        seq: frame.seq,
        clientMsgId: p.clientMsgId,
        text: p.text,
      }));
  };

  for (const s of steps) {
    if (s.kind === 'send') {
      const clientMsgId = `c${sent.length + 1}`;
      sent.push(clientMsgId);
      ledger = queue(ledger, { clientMsgId, text: clientMsgId, createdAt: 0 });
      toServer.push({ clientMsgId, text: clientMsgId });
    } else if (s.kind === 'agent') {
      toClient.push({ type: 'message', message: append('from the agent') });
    } else if (s.kind === 'server') {
      if (toServer.length > 0) deliverToServer(s.pick % toServer.length);
    } else if (s.kind === 'client') {
      if (toClient.length > 0) deliverToClient(s.pick % toClient.length, s.duplicate);
    } else {
      reconnect();
    }
    // Whatever happened, the ledger holds stored messages once each, in seq order, as the server stored them.
    const held = ledger.messages.map((m) => m.seq);
    expect(held).toEqual([...new Set(held)].sort((a, b) => a - b));
    for (const m of ledger.messages) expect(m).toEqual(store[m.seq - 1]);
  }
  // Quiesce: one last reconnect and every frame delivered.
  reconnect();
  while (toServer.length > 0) deliverToServer(0);
  while (toClient.length > 0) deliverToClient(0, false);
  return { ledger, store, sent };
}

describe('message ledger under any interleaving', () => {
  it('ends with every message once, in seq order, and nothing pending', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const { ledger, store, sent } = run(steps);
        expect(ledger.messages).toEqual(store);
        expect(ledger.pending).toEqual([]);
        expect(lastSeq(ledger)).toBe(store.length);
        // The server stored each sent message once (same clientMsgId on every resend).
        expect(store.filter((m) => m.clientMsgId).map((m) => m.clientMsgId)).toEqual(
          expect.arrayContaining(sent),
        );
        expect(store.filter((m) => m.clientMsgId)).toHaveLength(sent.length);
      }),
      { numRuns: 500 },
    );
  });
});
