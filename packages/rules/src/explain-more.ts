import type { LeafCondition } from '@beckon/protocol';
import { NUMERIC_OP_SYMBOLS } from './numeric-op.ts';

/** Descriptions for the conditions added with the complete engine; explain.ts handles the original ones. */
type MoreCondition = Exclude<
  LeafCondition,
  {
    type:
      | 'currentUrl'
      | 'timeOnPage'
      | 'timeOnSite'
      | 'visitCount'
      | 'executionWindow'
      | 'country'
      | 'context'
      | 'operatingHours';
  }
>;

const TEXT_OPS = { equals: 'equals', startsWith: 'starts with', contains: 'contains', wildcard: 'matches' };
const LIST_OPS = { in: 'in', notIn: 'not in' };

export function subjectOf(condition: MoreCondition): string {
  switch (condition.type) {
    case 'pageTitle':
      return 'page title';
    case 'urlVisited':
      return 'earlier pages of this visit';
    case 'urlFunnel':
      return 'funnel steps reached';
    case 'referrer':
      return condition.part === 'host' ? 'referrer host' : 'referrer URL';
    case 'utm':
      return `utm_${condition.param}`;
    case 'pagesViewed':
      return 'pages viewed this visit';
    case 'timeSinceLastVisit':
      return 'time since last visit';
    case 'timeSinceLastChat':
      return 'time since last chat';
    case 'authenticated':
      return 'authenticated';
    case 'customer':
      return `customer ${condition.field}`;
    case 'event':
      return `event '${condition.name}' count`;
    case 'language':
      return 'language';
    case 'device':
      return 'device';
    case 'browser':
      return 'browser';
    case 'region':
      return 'region';
    case 'city':
      return 'city';
    case 'exitIntent':
      return 'exit intent';
    case 'scrollDepth':
      return 'scroll depth';
    case 'idleTime':
      return 'idle time';
    case 'agentAvailable':
      return 'agent available';
    case 'predictedWait':
      return 'predicted wait';
  }
}

export function describeMore(condition: MoreCondition): string {
  const subject = subjectOf(condition);
  switch (condition.type) {
    case 'pageTitle':
    case 'referrer':
    case 'utm':
      return `${subject} ${TEXT_OPS[condition.op]} '${condition.value}'`;
    case 'urlVisited':
      return `a page earlier this visit ${TEXT_OPS[condition.op]} '${condition.value}'`;
    case 'urlFunnel':
      return `pages visited in order: ${condition.steps.map((step) => `'${step}'`).join(' → ')}`;
    case 'pagesViewed':
      return `${subject} ${NUMERIC_OP_SYMBOLS[condition.op]} ${condition.value}`;
    case 'timeSinceLastVisit':
    case 'timeSinceLastChat':
    case 'idleTime':
    case 'predictedWait':
      return `${subject} ${NUMERIC_OP_SYMBOLS[condition.op]} ${condition.seconds} s`;
    case 'authenticated':
      return condition.value ? 'visitor is signed in' : 'visitor is not signed in';
    case 'customer':
      return condition.op === 'exists'
        ? `${subject} is set`
        : `${subject} ${condition.op} '${condition.value ?? ''}'`;
    case 'event': {
      const props = condition.props ? ` with ${JSON.stringify(condition.props)}` : '';
      return `event '${condition.name}'${props} ${NUMERIC_OP_SYMBOLS[condition.op]} ${condition.count} times this visit`;
    }
    case 'language':
    case 'device':
    case 'browser':
    case 'region':
    case 'city':
      return `${subject} ${LIST_OPS[condition.op]} [${condition.values.join(', ')}]`;
    case 'exitIntent':
      return 'exit intent on this page';
    case 'scrollDepth':
      return `${subject} ${NUMERIC_OP_SYMBOLS[condition.op]} ${condition.percent}%`;
    case 'agentAvailable':
      return 'an agent is available with free capacity';
  }
}

/** The actual value, worded for the "why not" sentence. */
export function describeActual(condition: MoreCondition, actual: unknown): string {
  if (actual === undefined) return 'is unknown';
  switch (condition.type) {
    case 'urlVisited':
      return Array.isArray(actual) && actual.length > 0
        ? `are ${actual.map((url) => `'${String(url)}'`).join(', ')}`
        : 'are none';
    case 'urlFunnel':
      return `is ${String(actual)} of ${condition.steps.length}`;
    case 'timeSinceLastVisit':
    case 'timeSinceLastChat':
    case 'idleTime':
    case 'predictedWait':
      return `is ${String(actual)} s`;
    case 'scrollDepth':
      return `is ${String(actual)}%`;
    case 'authenticated':
    case 'exitIntent':
    case 'agentAvailable':
      return actual === true ? 'is yes' : 'is no';
    case 'pagesViewed':
    case 'event':
      return `is ${String(actual)}`;
    default:
      return `is '${String(actual)}'`;
  }
}
