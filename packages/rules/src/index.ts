export { evaluate } from './evaluate.ts';
export { resolveMessage } from './message.ts';
export type { Evaluation, FailedCondition, Firing, RuleTrace, VisitorFacts } from './types.ts';
export { compileWildcard } from './wildcard.ts';
