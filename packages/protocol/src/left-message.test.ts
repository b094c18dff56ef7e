import { describe, expect, it } from 'vitest';
import { leftMessageLimits, leftMessageProblems } from './left-message.ts';
import { visitorClientFrameSchema } from './visitor-frames.ts';

/** The widget's checks (zod-free) and the server's frame schema must say the same about every form. */
describe('the leave-a-message form rules', () => {
  const valid = { name: 'Zoé', email: 'zoe@example.com', text: 'Do you ship to Canada?' };
  const cases: [string, typeof valid, string[]][] = [
    ['a complete form', valid, []],
    ['no name', { ...valid, name: '' }, ['name:required']],
    ['no e-mail', { ...valid, email: '' }, ['email:required']],
    ['an address without a domain', { ...valid, email: 'zoe@example' }, ['email:invalid']],
    ['an address with a space', { ...valid, email: 'zoe @example.com' }, ['email:invalid']],
    ['markup for an address', { ...valid, email: '<a@b.co>' }, ['email:invalid']],
    [
      'a name too long',
      { ...valid, name: 'x'.repeat(leftMessageLimits.nameMaxLength + 1) },
      ['name:too-long'],
    ],
    [
      'a text too long',
      { ...valid, text: 'x'.repeat(leftMessageLimits.textMaxLength + 1) },
      ['text:too-long'],
    ],
    [
      'nothing at all',
      { name: '', email: '', text: '' },
      ['name:required', 'email:required', 'text:required'],
    ],
  ];

  it.each(cases)('%s', (_, input, expected) => {
    const problems = leftMessageProblems(input).map(({ field, problem }) => `${field}:${problem}`);
    expect(problems).toEqual(expected);
    const frame = visitorClientFrameSchema.safeParse({ type: 'message.leave', ...input });
    expect(frame.success).toBe(expected.length === 0);
  });
});
