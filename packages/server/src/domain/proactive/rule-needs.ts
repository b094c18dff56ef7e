import type { ConditionNode, LeafCondition, Rule } from '@beckon/protocol';

type LeafType = LeafCondition['type'];

const typesByRule = new WeakMap<Rule, ReadonlySet<LeafType>>();

function collect(node: ConditionNode, into: Set<LeafType>): void {
  if (node.type === 'all' || node.type === 'any') for (const child of node.conditions) collect(child, into);
  else if (node.type === 'not') collect(node.condition, into);
  else into.add(node.type);
}

/** The leaf types a rule uses; cached per rule object (one per version, see RuleVersions). */
export function leafTypesOf(rule: Rule): ReadonlySet<LeafType> {
  let types = typesByRule.get(rule);
  if (!types) {
    const found = new Set<LeafType>();
    collect(rule.conditions, found);
    types = found;
    typesByRule.set(rule, types);
  }
  return types;
}

/**
 * Whether any enabled rule uses one of these condition types: facts that cost store reads (last chat,
 * capacity) are only gathered when a rule can look at them.
 */
export function rulesUse(rules: readonly Rule[], ...types: LeafType[]): boolean {
  return rules.some((rule) => rule.enabled && types.some((type) => leafTypesOf(rule).has(type)));
}
