import { frameLimits, limits } from '@beckon/protocol';
import type { TestSocket } from '@beckon/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, type Harness, startHarness, visitor } from '../harness.ts';

/**
 * Hostile frames within the size limit: a frame costs bounded work and gets bounded error output (one error frame,
 * or one per context problem code, each with a few named issues), and the socket stays open.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type Frame = { type: string };

/** Sends a frame then a ping; everything the frame caused arrives before the pong. */
async function answersTo<T extends Frame>(socket: TestSocket<T>, frame: unknown): Promise<T[]> {
  const before = socket.frames.length;
  socket.send(frame);
  socket.send({ type: 'ping' });
  await socket.next('pong' as T['type'], () => true, 10_000);
  return socket.frames.slice(before).filter((f) => f.type !== 'pong');
}

const bytes = (frames: Frame[]) => frames.reduce((sum, f) => sum + JSON.stringify(f).length, 0);

function manyKeys(count: number, value: (i: number) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) out[`k${i}`] = value(i);
  return out;
}

describe('visitor frames', () => {
  it('a context.update with 40,000 keys gets one small error frame', async () => {
    const v = await visitor(h);
    const answers = await answersTo(v, { type: 'context.update', context: manyKeys(40_000, () => ({})) });
    expect(answers).toMatchObject([{ type: 'error', code: 'PAYLOAD_TOO_LARGE' }]);
    expect(bytes(answers)).toBeLessThan(2_000);
    await v.close();
  });

  it('a context.update over the key limit but within the frame structure limits gets one error frame', async () => {
    const v = await visitor(h);
    const context = manyKeys(frameLimits.contextMaxKeys * 2, () => ({}));
    const answers = await answersTo(v, { type: 'context.update', context });
    expect(answers).toMatchObject([{ type: 'error', code: 'VALIDATION_FAILED', ref: 'context.update' }]);
    expect(bytes(answers)).toBeLessThan(2_000);
    await v.close();
  });

  it('a context of invalid values within the key limit gets one report per problem code', async () => {
    const v = await visitor(h);
    const context = manyKeys(frameLimits.contextMaxKeys, (i) => (i < 50 ? 'x'.repeat(4001) : { value: [i] }));
    const answers = await answersTo(v, { type: 'context.update', context });
    const codes = answers.map((f) => (f.type === 'error' ? f.code : f.type)).sort();
    expect(codes).toEqual(['CONTEXT_VALUE_INVALID', 'CONTEXT_VALUE_TOO_LONG']);
    expect(bytes(answers)).toBeLessThan(3_000);
    await v.close();
  });

  it('a track with 40,000 bad props gets one small error frame', async () => {
    const v = await visitor(h);
    // Every fourth one invalid, the whole still under the frame limit.
    const props = manyKeys(40_000, (i) => (i % 4 ? 0 : null));
    const answers = await answersTo(v, { type: 'track', name: 'hostile', props });
    expect(answers).toMatchObject([{ type: 'error', code: 'PAYLOAD_TOO_LARGE' }]);
    expect(bytes(answers)).toBeLessThan(2_000);
    // Within the structure limits, the props count is refused whole: one issue, not one per prop.
    const many = await answersTo(v, { type: 'track', name: 'hostile', props: manyKeys(2_000, () => null) });
    expect(many).toMatchObject([{ type: 'error', code: 'VALIDATION_FAILED', ref: 'track' }]);
    expect(bytes(many)).toBeLessThan(1_000);
    await v.close();
  });

  it('an invalid frame lists at most a few issues, each cut short, and counts the rest', async () => {
    const v = await visitor(h);
    const props = manyKeys(frameLimits.trackMaxProps, () => ({ nested: true }));
    const answers = await answersTo(v, { type: 'track', name: 'x'.repeat(100_000), props });
    const details = (
      answers[0] as { details: { issues: { path: string; message: string }[]; more?: number } }
    ).details;
    expect(details.issues).toHaveLength(frameLimits.errorMaxIssues);
    expect(details.more).toBe(frameLimits.trackMaxProps + 1 - frameLimits.errorMaxIssues);
    expect(bytes(answers)).toBeLessThan(3_000);
    await v.close();
  });

  it('a chat.start with 40,000 pre-chat answers gets one small error frame', async () => {
    const v = await visitor(h);
    const answers = await answersTo(v, { type: 'chat.start', prechat: manyKeys(40_000, () => 1) });
    expect(answers).toHaveLength(1);
    expect(bytes(answers)).toBeLessThan(2_000);
    await v.close();
  });
});

describe('frame size', () => {
  const oversize = (bytes: number) => JSON.stringify({ type: 'ping', pad: 'x'.repeat(bytes) });

  it('a visitor frame over the limit but under the hard cap: PAYLOAD_TOO_LARGE, and the socket stays open', async () => {
    const v = await visitor(h);
    const answers = await answersTo(v, oversize(limits.frameMaxBytes + 1));
    expect(answers).toMatchObject([{ type: 'error', code: 'PAYLOAD_TOO_LARGE' }]);
    expect(v.isOpen).toBe(true);
    await v.close();
  });

  it('a visitor frame over the hard cap closes the socket with 1009', async () => {
    const v = await visitor(h);
    v.send(oversize(frameLimits.frameHardMaxBytes + 1));
    expect((await v.closed).code).toBe(1009);
  });

  it('the same two limits on the agent socket', async () => {
    const a = await agent(h);
    const answers = await answersTo(a, oversize(limits.frameMaxBytes + 1));
    expect(answers).toMatchObject([{ type: 'error', code: 'PAYLOAD_TOO_LARGE' }]);
    expect(a.isOpen).toBe(true);
    a.send(oversize(frameLimits.frameHardMaxBytes + 1));
    expect((await a.closed).code).toBe(1009);
  });
});

describe('agent frames', () => {
  it('an invalid agent frame with a huge field gets one bounded error frame', async () => {
    const a = await agent(h);
    const answers = await answersTo(a, {
      type: 'conversation.wrapUp',
      conversationId: 'y'.repeat(200_000),
      outcome: 'z'.repeat(200_000),
      notes: 'n'.repeat(100_000),
    });
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    expect(bytes(answers)).toBeLessThan(2_000);
    await a.close();
  });
});

describe('frame structure, checked before parsing', () => {
  it('refuses a frame nested deeper than the limit, on both sockets, and the sockets stay open', async () => {
    const deep = `{"type":"ping","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const v = await visitor(h);
    expect(await answersTo(v, deep)).toMatchObject([{ type: 'error', code: 'PAYLOAD_TOO_LARGE' }]);
    const a = await agent(h);
    expect(await answersTo(a, deep)).toMatchObject([{ type: 'error', code: 'PAYLOAD_TOO_LARGE' }]);
    // Brackets inside strings are text, not structure.
    const text = { type: 'track', name: 'x', props: { p: '[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{' } };
    expect(await answersTo(v, text)).toEqual([]);
    await Promise.all([v.close(), a.close()]);
  });

  it('refuses a frame with tens of thousands of values whatever its type', async () => {
    const v = await visitor(h);
    const answers = await answersTo(v, { type: 'ping', ...manyKeys(40_000, () => 0) });
    expect(answers).toMatchObject([{ type: 'error', code: 'PAYLOAD_TOO_LARGE' }]);
    await v.close();
  });
});
