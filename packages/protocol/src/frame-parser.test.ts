import { describe, expect, it } from 'vitest';
import { FrameSchemaError, parseFrame, parseFrameStrict } from './frame-parser.ts';
import { visitorServerFrameSchema } from './visitor-frames.ts';

describe('frame parser', () => {
  it('returns a frame that matches the schema', () => {
    const parsed = parseFrame(visitorServerFrameSchema, JSON.stringify({ type: 'pong', serverTime: 5 }));
    expect(parsed).toEqual({ ok: true, frame: { type: 'pong', serverTime: 5 } });
  });

  it('names the frame type and each issue of a frame that breaks the schema', () => {
    const parsed = parseFrame(
      visitorServerFrameSchema,
      JSON.stringify({ type: 'message.ack', clientMsgId: 'c1', messageId: 'm1', seq: 'one' }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toContain('frame type message.ack');
    expect(parsed.problem).toContain('seq');
  });

  it('refuses what is not a JSON text frame', () => {
    expect(parseFrame(visitorServerFrameSchema, '{')).toMatchObject({ ok: false, problem: 'not JSON' });
    expect(parseFrame(visitorServerFrameSchema, new ArrayBuffer(1))).toMatchObject({ ok: false });
    expect(parseFrame(visitorServerFrameSchema, JSON.stringify({ type: 'no.such' }))).toMatchObject({
      ok: false,
    });
  });

  it('throws in strict mode', () => {
    expect(() => parseFrameStrict(visitorServerFrameSchema, JSON.stringify({ type: 'pong' }))).toThrow(
      FrameSchemaError,
    );
  });
});
