import {
  type ChatMessage,
  type VisitorClientFrame,
  visitorClientFrameSchema,
  visitorServerFrameSchema,
} from '@beckon/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, hello, startHarness } from '../harness.ts';
import { type Acks, type ChatFixture, openChat, transcriptProblems } from './fuzz-chat.ts';
import { type Exchange, FrameProbe } from './fuzz-frame-probe.ts';
import { capturedLogger } from './fuzz-logger.ts';
import { fail, pingProblems, socketProblems } from './fuzz-properties.ts';
import {
  frameFields,
  fuzzOptions,
  oversizedInput,
  type SocketInput,
  socketInput,
  wideObject,
} from './fuzz-values.ts';

const log = capturedLogger();
let h: Harness;
let chat: ChatFixture;

beforeAll(async () => {
  h = await startHarness({ logger: log.logger });
  chat = await openChat(h);
});
afterAll(async () => {
  await chat?.visitorSocket.close();
  await chat?.agentSocket.close();
  await h?.close();
});

/** One valid frame of every visitor frame type, aimed at the fixture's conversation where a frame names one. */
function examples(): Record<VisitorClientFrame['type'], Record<string, unknown>> {
  const page = { url: `${h.origin}/demo/pricing.html`, title: 'Pricing' };
  const conversationId = chat.conversationId;
  return {
    hello: hello(page.url, { visitorId: chat.visitorId, lastSeq: 0, context: { plan: 'Pro' } }),
    page: { type: 'page', page },
    'context.update': { type: 'context.update', context: { plan: { value: 'Pro', isDisplayable: true } } },
    'auth.token': { type: 'auth.token', token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln' },
    'invitation.accept': { type: 'invitation.accept', invitationId: 'inv-1', prechat: { email: 'a@b.c' } },
    'invitation.dismiss': { type: 'invitation.dismiss', invitationId: 'inv-1' },
    'invitation.request': { type: 'invitation.request', message: 'Need help?', showPrechat: false },
    'chat.start': { type: 'chat.start', prechat: { name: 'Alice' }, context: { cart: 3 } },
    'message.send': { type: 'message.send', clientMsgId: 'fuzz-visitor', text: 'Hello from the fuzzer' },
    'chat.close': { type: 'chat.close' },
    ping: { type: 'ping' },
    track: { type: 'track', name: 'added-to-cart', props: { sku: 'A1', qty: 2, gift: false } },
    consent: { type: 'consent', granted: true },
    'availability.request': { type: 'availability.request' },
    'handover.request': { type: 'handover.request' },
    'survey.submit': { type: 'survey.submit', conversationId, rating: 5, comment: 'Great' },
    typing: { type: 'typing', typing: true },
    'message.receipt': { type: 'message.receipt', conversationId, seq: 2, status: 'read' },
    signal: { type: 'signal', kind: 'scroll', value: 50 },
    'message.leave': { type: 'message.leave', name: 'Zoé', email: 'zoe@example.com', text: 'Call me back' },
    'transcript.email': {
      type: 'transcript.email',
      conversationId,
      email: 'zoe@example.com',
      language: 'fr',
    },
  };
}

function parsedFrame(input: SocketInput): VisitorClientFrame | undefined {
  if (input.kind !== 'text') return undefined;
  try {
    const parsed = visitorClientFrameSchema.safeParse(JSON.parse(input.data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Acks for messages the fuzzer sent, with the text it sent (a repeated clientMsgId keeps its first message). */
function recordAcks(input: SocketInput, exchange: Exchange, acks: Acks): void {
  const frame = parsedFrame(input);
  if (frame?.type !== 'message.send') return;
  for (const { frame: answer } of exchange.answers) {
    const ack = answer as { type: string; messageId: string; seq: number; clientMsgId: string };
    if (ack.type !== 'message.ack' || ack.clientMsgId !== frame.clientMsgId) continue;
    if (!acks.some((known) => known.messageId === ack.messageId))
      acks.push({ messageId: ack.messageId, seq: ack.seq, text: frame.text });
  }
}

/** A welcome for the fixture's conversation lists its stored messages unchanged. */
function welcomeProblems(exchange: Exchange): string[] {
  const problems: string[] = [];
  for (const { frame } of exchange.answers) {
    const welcome = frame as { type: string; conversation?: { id: string }; messages?: ChatMessage[] };
    if (welcome.type !== 'welcome' || welcome.conversation?.id !== chat.conversationId) continue;
    const head = welcome.messages?.slice(0, chat.transcript.length);
    if (JSON.stringify(head) !== JSON.stringify(chat.transcript))
      problems.push(`welcome lists other messages: ${JSON.stringify(welcome.messages)}`);
  }
  return problems;
}

describe('visitor socket under hostile frames', () => {
  it('has a valid example of every frame type the schema knows', () => {
    const all = examples();
    expect(Object.keys(all).sort()).toEqual([...frameFields(visitorClientFrameSchema).keys()].sort());
    for (const frame of Object.values(all)) expect(visitorClientFrameSchema.parse(frame)).toBeTruthy();
  });

  it('answers every frame with documented frames, stays open, logs no error and keeps the transcript', async () => {
    const fields = frameFields(visitorClientFrameSchema);
    const acks: Acks = [];
    const opening = fc.constantFrom('no hello', 'fixture visitor', 'new visitor');
    const inputs = fc.array(socketInput(examples(), fields), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(opening, inputs, async (start, sequence) => {
        const probe = await FrameProbe.connect(`${h.wsUrl}/v1/visitor?key=demo`, { origin: h.origin });
        try {
          const first: SocketInput[] =
            start === 'no hello'
              ? []
              : [
                  {
                    kind: 'text',
                    data: JSON.stringify(
                      hello(
                        `${h.origin}/demo/`,
                        start === 'fixture visitor' ? { visitorId: chat.visitorId } : {},
                      ),
                    ),
                  },
                ];
          for (const input of [...first, ...sequence]) {
            const readsAsPing = parsedFrame(input)?.type === 'ping';
            const exchange = await probe.exchange(input, readsAsPing);
            fail(
              [
                ...socketProblems(input, exchange, visitorServerFrameSchema),
                ...pingProblems(readsAsPing, exchange),
                ...welcomeProblems(exchange),
              ],
              input,
            );
            recordAcks(input, exchange, acks);
            if (exchange.closed) break;
          }
          expect(log.errors()).toEqual([]);
          expect(await transcriptProblems(h, chat, acks)).toEqual([]);
          expect(chat.visitorSocket.isOpen).toBe(true);
        } finally {
          await probe.close();
        }
      }),
      fuzzOptions(60),
    );
    for (const frame of chat.visitorSocket.frames)
      expect(visitorServerFrameSchema.safeParse(frame).success).toBe(true);
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
  });

  /** One input on a fresh socket that has said hello as the fixture's visitor; answers its properties' problems. */
  async function probeOnce(input: SocketInput): Promise<string[]> {
    const probe = await FrameProbe.connect(`${h.wsUrl}/v1/visitor?key=demo`, { origin: h.origin });
    try {
      await probe.exchange(
        { kind: 'text', data: JSON.stringify(hello(`${h.origin}/demo/`, { visitorId: chat.visitorId })) },
        false,
      );
      const exchange = await probe.exchange(input, false);
      return [
        ...socketProblems(input, exchange, visitorServerFrameSchema),
        ...(exchange.closed ? [] : exchange.answers.length ? [] : ['no answer']),
        ...log.errors().map((record) => `logged ${JSON.stringify(record).slice(0, 300)}`),
      ];
    } finally {
      await probe.close();
    }
  }

  it('answers a "type" that refuses to become a string, or nests 10^5 deep, with UNKNOWN_FRAME_TYPE', async () => {
    // Both used to throw inside the socket's message handler, which took the whole node down.
    const depth = 100_000;
    for (const data of [
      '{"type":{"toString":{},"valueOf":{}}}',
      `{"type":${'['.repeat(depth)}1${']'.repeat(depth)}}`,
    ]) {
      expect(await probeOnce({ kind: 'text', data })).toEqual([]);
    }
  });

  it('closes with 1009 on a frame over the size limit, and only then', async () => {
    expect(await probeOnce(oversizedInput(600_000))).toEqual([]);
  });

  it('answers a frame with 10^4 invalid keys with an error frame under 16 KB', async () => {
    const frame = { type: 'chat.start', prechat: wideObject(10_000) };
    expect(await probeOnce({ kind: 'text', data: JSON.stringify(frame) })).toEqual([]);
  });

  it('answers an unknown type of 10^4 characters with an error frame under 16 KB', async () => {
    const frame = { type: 'x'.repeat(10_000) };
    expect(await probeOnce({ kind: 'text', data: JSON.stringify(frame) })).toEqual([]);
  });

  it('answers a context of 10^4 variables with a bounded number of frames', async () => {
    const frame = { type: 'context.update', context: wideObject(10_000) };
    expect(await probeOnce({ kind: 'text', data: JSON.stringify(frame) })).toEqual([]);
  });
});
