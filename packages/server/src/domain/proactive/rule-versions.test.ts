import type { Rule } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { RuleVersions } from './rule-versions.ts';

const rule = (id: string, updatedAt: number, text = 'Hi'): Rule => ({
  id,
  widgetId: 'w',
  name: id,
  enabled: true,
  priority: 1,
  showPrechat: false,
  updatedAt,
  conditions: { type: 'all', conditions: [] },
  message: { text },
});

describe('RuleVersions', () => {
  it('returns the first object of each version, and the new object once the rule changes', () => {
    const versions = new RuleVersions();
    const [first] = versions.stable([rule('a', 1)]);
    const [again] = versions.stable([rule('a', 1)]);
    expect(again).toBe(first);
    const [changed] = versions.stable([rule('a', 2, 'Hello')]);
    expect(changed).not.toBe(first);
    expect(changed?.message.text).toBe('Hello');
  });

  it('keeps every version seen: an older one read again (a lagging replica) is still its first object', () => {
    const versions = new RuleVersions();
    const [one, two] = [versions.stable([rule('a', 1)])[0], versions.stable([rule('a', 2)])[0]];
    expect(versions.stable([rule('a', 1)])[0]).toBe(one);
    expect(versions.stable([rule('a', 2), rule('b', 1)])).toEqual([two, rule('b', 1)]);
    expect(versions.stable([rule('a', 2)])[0]).toBe(two);
  });

  it('forgets everything at its bound, then starts again', () => {
    const versions = new RuleVersions();
    const [first] = versions.stable([rule('a', 0)]);
    versions.stable(Array.from({ length: 9_999 }, (_, i) => rule(`r${i}`, 0)));
    expect(versions.stable([rule('a', 0)])[0]).toBe(first);
    // The 10,001st version: the index is dropped before it is added.
    versions.stable([rule('z', 0)]);
    const [fresh] = versions.stable([rule('a', 0)]);
    expect(fresh).not.toBe(first);
    expect(versions.stable([rule('a', 0)])[0]).toBe(fresh);
  });
});
