import { frameLimits } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { frameShape } from './frame-shape.ts';

const shape = (text: string) => frameShape(Buffer.from(text));

describe('frameShape', () => {
  it('counts nesting and separators outside strings only', () => {
    expect(
      shape(`{"a":${'['.repeat(frameLimits.frameMaxDepth - 1)}${']'.repeat(frameLimits.frameMaxDepth - 1)}}`),
    ).toBe('ok');
    expect(
      shape(`{"a":${'['.repeat(frameLimits.frameMaxDepth)}${']'.repeat(frameLimits.frameMaxDepth)}}`),
    ).toBe('too-deep');
    expect(shape(JSON.stringify({ text: '[{'.repeat(1000) + ':,'.repeat(10_000) }))).toBe('ok');
    // An escaped quote does not end the string.
    expect(shape(JSON.stringify({ text: `\\"${'['.repeat(100)}` }))).toBe('ok');
    expect(shape(JSON.stringify({ text: 'é€😀'.repeat(1000) }))).toBe('ok');
  });

  it('refuses more separators than the limit', () => {
    const at = `[${'0,'.repeat(frameLimits.frameMaxSeparators)}0]`;
    expect(shape(at)).toBe('ok');
    expect(shape(`[0,${at.slice(1)}`)).toBe('too-many-values');
  });
});
