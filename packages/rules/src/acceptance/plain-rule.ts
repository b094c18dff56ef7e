import type { ConditionNode, Rule } from '@beckon/protocol';

const plain = new WeakMap<Rule, Rule>();

function withoutPredictions(node: ConditionNode): ConditionNode {
  switch (node.type) {
    case 'all':
    case 'any':
      return { type: node.type, conditions: node.conditions.map(withoutPredictions) };
    case 'not':
      return { type: 'not', condition: withoutPredictions(node.condition) };
    case 'predictedAcceptance':
      // An empty "all" is true: exactly what the condition is without a prediction.
      return { type: 'all', conditions: [] };
    default:
      return node;
  }
}

function usesPrediction(node: ConditionNode): boolean {
  if (node.type === 'all' || node.type === 'any') return node.conditions.some(usesPrediction);
  if (node.type === 'not') return usesPrediction(node.condition);
  return node.type === 'predictedAcceptance';
}

/**
 * The rule as written, without what the acceptance model adds: no `predictedAcceptance` condition (each counts as
 * met) and no best moment. The kill switches run this; one object per rule object, so the engine's per-rule
 * caches keep working.
 */
export function plainRule(rule: Rule): Rule {
  if (rule.smart === undefined && !usesPrediction(rule.conditions)) return rule;
  const cached = plain.get(rule);
  if (cached) return cached;
  const { smart: _smart, ...rest } = rule;
  const stripped: Rule = { ...rest, conditions: withoutPredictions(rule.conditions) };
  plain.set(rule, stripped);
  return stripped;
}

/** Whether the acceptance model has anything to do for this rule (a prediction condition or best moment). */
export function ruleIsSmart(rule: Rule): boolean {
  return (
    rule.smart?.off !== true && (rule.smart?.bestMoment !== undefined || usesPrediction(rule.conditions))
  );
}
