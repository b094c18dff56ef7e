import { messageAckFrameSchema } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { messageAckText } from './message-ack-text.ts';

const tricky = [
  'c1',
  '',
  'a "quoted" id',
  'back\\slash\\',
  'é ü 日本 😀',
  'line\u2028and\u2029paragraph',
  'controls \u0000\u0001\u001f\n\r\t\b\f',
  'lone surrogate \ud800 and \udfff',
  '</script><!--',
];

describe('messageAckText', () => {
  test.each(tricky)('is the JSON text of the ack object, for the client id %j', (clientMsgId) => {
    const frame = { type: 'message.ack', clientMsgId, messageId: `m-${clientMsgId}`, seq: 42 } as const;
    const text = messageAckText(frame.clientMsgId, frame.messageId, frame.seq);
    expect(text).toBe(JSON.stringify(frame));
    expect(messageAckFrameSchema.parse(JSON.parse(text))).toEqual(frame);
  });

  test('carries large and small sequence numbers as JSON numbers', () => {
    for (const seq of [1, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      expect(messageAckText('c', 'm', seq)).toBe(
        JSON.stringify({ type: 'message.ack', clientMsgId: 'c', messageId: 'm', seq }),
      );
    }
  });

  test('starts with its type, which the socket reads to count the frames it sends', () => {
    expect(messageAckText('c', 'm', 1).startsWith('{"type":"message.ack",')).toBe(true);
  });
});
