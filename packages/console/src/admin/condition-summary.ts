import type { ConditionNode } from '@beckon/protocol';
import { describeCondition, type Locale } from '@beckon/protocol/conditions';
import { consoleLocale } from '../locale.ts';

/**
 * One line a person can read in the rule list: `page path contains '/pricing' AND time on page ≥ 30 s`.
 * Each condition is worded by its descriptor, the same sentence the engine's explanations use.
 */

const words = {
  en: { and: ' AND ', or: ' OR ', not: 'NOT', always: 'always', never: 'never' },
  fr: { and: ' ET ', or: ' OU ', not: 'NON', always: 'toujours', never: 'jamais' },
} as const;

export function summarizeConditions(
  node: ConditionNode,
  locale: Locale = consoleLocale,
  nested = false,
): string {
  const w = words[locale];
  switch (node.type) {
    case 'all':
    case 'any': {
      if (node.conditions.length === 0) return node.type === 'all' ? w.always : w.never;
      if (node.conditions.length === 1) return summarizeConditions(node.conditions[0]!, locale, nested);
      const text = node.conditions
        .map((c) => summarizeConditions(c, locale, true))
        .join(node.type === 'all' ? w.and : w.or);
      return nested ? `(${text})` : text;
    }
    case 'not':
      return `${w.not} ${summarizeConditions(node.condition, locale, true)}`;
    default:
      return describeCondition(node, locale);
  }
}
