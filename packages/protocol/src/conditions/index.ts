import type { LeafCondition } from '../rule.ts';
import { browser, city, country, device, language, region } from './audience.ts';
import { agentAvailable, predictedAcceptance, predictedWait } from './capacity.ts';
import type { ConditionDescriptor, Locale } from './descriptor.ts';
import { authenticated, context, customer } from './identity.ts';
import {
  pagesViewed,
  referrer,
  timeSinceLastChat,
  timeSinceLastVisit,
  urlFunnel,
  urlVisited,
  utm,
  visitCount,
} from './journey.ts';
import { currentUrl, pageTitle } from './page.ts';
import { event, exitIntent, idleTime, scrollDepth } from './signals.ts';
import { executionWindow, operatingHours, timeOnPage, timeOnSite } from './time.ts';

export type { Choice, ConditionDescriptor, FieldDescriptor, FieldKind, Locale, Text } from './descriptor.ts';
export { say } from './descriptor.ts';
export { dayNames } from './time.ts';

export type ConditionType = LeafCondition['type'];
type Descriptors = {
  readonly [T in ConditionType]: ConditionDescriptor<Extract<LeafCondition, { type: T }>>;
};

/**
 * Every condition type's descriptor, in the order an editor offers them. The type makes a missing one a
 * compile error; conditions.test.ts checks the list against the zod union both ways.
 */
export const conditionDescriptors: Descriptors = {
  currentUrl,
  timeOnPage,
  timeOnSite,
  visitCount,
  executionWindow,
  country,
  context,
  operatingHours,
  pageTitle,
  urlVisited,
  urlFunnel,
  referrer,
  utm,
  pagesViewed,
  timeSinceLastVisit,
  timeSinceLastChat,
  authenticated,
  customer,
  event,
  language,
  device,
  browser,
  region,
  city,
  exitIntent,
  scrollDepth,
  idleTime,
  agentAvailable,
  predictedWait,
  predictedAcceptance,
};

export const conditionTypes = Object.keys(conditionDescriptors) as ConditionType[];

/** The descriptor of a condition's type, typed for that condition. */
export function descriptorOf<C extends LeafCondition>(condition: C): ConditionDescriptor<C> {
  return conditionDescriptors[condition.type as ConditionType] as unknown as ConditionDescriptor<C>;
}

/** "time on page ≥ 30 s" */
export function describeCondition(condition: LeafCondition, locale: Locale = 'en'): string {
  return descriptorOf(condition).sentence(condition, locale);
}

/** Why a leaf did not give the value its rule needed; `negated` when a `not` above it wanted it false. */
export function explainFailure(
  condition: LeafCondition,
  actual: unknown,
  negated: boolean,
  locale: Locale = 'en',
): string {
  const descriptor = descriptorOf(condition);
  const sentence = descriptor.sentence(condition, locale);
  if (negated) {
    return locale === 'fr'
      ? `${sentence} est vrai, mais un 'non' exige le contraire`
      : `${sentence} holds, but a 'not' requires it not to`;
  }
  const subject = descriptor.subject(condition, locale);
  const is = descriptor.actual(condition, actual, locale);
  return `${subject} ${is}; ${locale === 'fr' ? 'il faut' : 'needs'} ${sentence}`;
}
