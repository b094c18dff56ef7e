export {
  AcceptanceModel,
  type Contribution,
  defaultModelSettings,
  type ModelSettings,
  type Outcome,
  type Prediction,
} from './acceptance/acceptance-model.ts';
export { type MomentPlan, type MomentPolicy, planMoment } from './acceptance/best-moment.ts';
export {
  eventCounts,
  FEATURE_SLOTS,
  type Feature,
  journeyFeatures,
  nextFeatureChangeAt,
  pageSection,
} from './acceptance/journey-features.ts';
export { plainRule, ruleIsSmart } from './acceptance/plain-rule.ts';
export { type HoursState, hoursAt } from './conditions/operating-hours.ts';
export { utmOf } from './conditions/utm.ts';
export { evaluate } from './evaluate.ts';
export { factGroupsOf, IncrementalEvaluator } from './incremental.ts';
export { type MessageFacts, renderedMessageMaxLength, renderMessage, resolveMessage } from './message.ts';
export {
  type ArmPosterior,
  type ArmStats,
  posterior,
  type RateDifference,
  rateDifference,
  seededRandom,
  Thompson,
} from './optimise.ts';
export { assignSplit, hash32, type SplitAssignment } from './split.ts';
export type { Evaluation, FailedCondition, Firing, RuleTrace, TrackedEvent, VisitorFacts } from './types.ts';
export { compileWildcard } from './wildcard.ts';
