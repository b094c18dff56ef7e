import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { conversationFromRow, messageFromRow, withoutUndefined } from './mappers.ts';

// V8's own answer to "is this object still in fast mode?", compiled after the flag that allows it is set.
setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

describe('withoutUndefined', () => {
  it('leaves out the undefined fields and keeps every other value, null and falsy ones included', () => {
    const record = { a: 1, b: undefined, c: null, d: 0, e: '', f: false, g: undefined };
    expect(withoutUndefined(record)).toStrictEqual({ a: 1, c: null, d: 0, e: '', f: false });
  });

  it('returns rows in fast mode, never dictionaries, when a field in the middle is absent', () => {
    const conversation = conversationFromRow({
      id: 'cnv_1',
      widget_id: 'wgt_1',
      visitor_id: 'vis_1',
      queue_id: 'que_1',
      status: 'active',
      agent_id: 'usr_1',
      invitation_id: null,
      context: '{}',
      customer: '{"status":"none"}',
      created_at: 1,
      accepted_at: 2,
      ended_at: null,
      last_seq: 3,
    });
    expect(conversation).not.toHaveProperty('invitationId');
    expect(hasFastProperties(conversation)).toBe(true);
    // A copy with a new last seq, as each visitor message makes of its conversation, stays fast too.
    expect(hasFastProperties({ ...conversation, lastSeq: 4 })).toBe(true);
    const message = messageFromRow({
      id: 'msg_1',
      conversation_id: 'cnv_1',
      seq: 1,
      author: 'visitor',
      author_name: null,
      text: 'hi',
      client_msg_id: 'c1',
      created_at: 1,
    });
    expect(message).not.toHaveProperty('authorName');
    expect(hasFastProperties(message)).toBe(true);
  });
});
