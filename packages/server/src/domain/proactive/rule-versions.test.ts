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
});
