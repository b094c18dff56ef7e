import type { ConditionNode, LeafCondition } from '@beckon/protocol';
import { formatDuration } from '../format.ts';

/** One line a person can read in the rule list: `URL contains "/pricing" AND time on page ≥ 30 s`. */

const numeric = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=' } as const;
const contextOps = {
  eq: '=',
  neq: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  contains: 'contains',
  exists: 'exists',
} as const;
const urlOps = {
  equals: 'is',
  startsWith: 'starts with',
  contains: 'contains',
  wildcard: 'matches',
} as const;
const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function leafSummary(leaf: LeafCondition): string {
  switch (leaf.type) {
    case 'currentUrl':
      return `URL ${urlOps[leaf.op]} "${leaf.value}"`;
    case 'timeOnPage':
      return `time on page ${numeric[leaf.op]} ${formatDuration(leaf.seconds * 1000)}`;
    case 'timeOnSite':
      return `time on site ${numeric[leaf.op]} ${formatDuration(leaf.seconds * 1000)}`;
    case 'visitCount':
      return `visits ${numeric[leaf.op]} ${leaf.value}`;
    case 'executionWindow': {
      const parts = [
        leaf.days ? leaf.days.map((d) => dayNames[d] ?? '?').join(' ') : 'every day',
        leaf.startTime || leaf.endTime
          ? `${leaf.startTime ?? '00:00'}–${leaf.endTime ?? '24:00'}`
          : 'all day',
      ];
      if (leaf.from || leaf.to) parts.push(`${leaf.from ?? '…'} to ${leaf.to ?? '…'}`);
      return `window ${parts.join(', ')} (${leaf.timeZone})`;
    }
    case 'country':
      return `country ${leaf.op === 'in' ? 'in' : 'not in'} ${leaf.values.join(', ')}`;
    case 'context':
      return leaf.op === 'exists' || leaf.value === undefined
        ? `context.${leaf.name} ${contextOps[leaf.op]}`
        : `context.${leaf.name} ${contextOps[leaf.op]} ${JSON.stringify(leaf.value)}`;
    case 'operatingHours':
      return leaf.state === 'open' ? 'within operating hours' : 'outside operating hours';
    default:
      return moreLeafSummary(leaf);
  }
}

type MoreLeaf = Exclude<
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

function moreLeafSummary(leaf: MoreLeaf): string {
  switch (leaf.type) {
    case 'pageTitle':
      return `title ${urlOps[leaf.op]} "${leaf.value}"`;
    case 'urlVisited':
      return `visited URL ${urlOps[leaf.op]} "${leaf.value}"`;
    case 'urlFunnel':
      return `funnel ${leaf.steps.map((step) => `"${step}"`).join(' → ')}`;
    case 'referrer':
      return `referrer ${leaf.part} ${urlOps[leaf.op]} "${leaf.value}"`;
    case 'utm':
      return `utm_${leaf.param} ${urlOps[leaf.op]} "${leaf.value}"`;
    case 'pagesViewed':
      return `pages viewed ${numeric[leaf.op]} ${leaf.value}`;
    case 'timeSinceLastVisit':
      return `since last visit ${numeric[leaf.op]} ${formatDuration(leaf.seconds * 1000)}`;
    case 'timeSinceLastChat':
      return `since last chat ${numeric[leaf.op]} ${formatDuration(leaf.seconds * 1000)}`;
    case 'idleTime':
      return `idle ${numeric[leaf.op]} ${formatDuration(leaf.seconds * 1000)}`;
    case 'predictedWait':
      return `predicted wait ${numeric[leaf.op]} ${formatDuration(leaf.seconds * 1000)}`;
    case 'scrollDepth':
      return `scrolled ${numeric[leaf.op]} ${leaf.percent}%`;
    case 'authenticated':
      return leaf.value ? 'signed in' : 'not signed in';
    case 'customer':
      return leaf.op === 'exists'
        ? `customer.${leaf.field} exists`
        : `customer.${leaf.field} ${contextOps[leaf.op]} "${leaf.value ?? ''}"`;
    case 'event':
      return `event ${leaf.name}${leaf.props ? ` ${JSON.stringify(leaf.props)}` : ''} ${numeric[leaf.op]} ${leaf.count}×`;
    case 'language':
    case 'device':
    case 'browser':
    case 'region':
    case 'city':
      return `${leaf.type} ${leaf.op === 'in' ? 'in' : 'not in'} ${leaf.values.join(', ')}`;
    case 'exitIntent':
      return 'exit intent';
    case 'agentAvailable':
      return 'agent available';
  }
}

export function summarizeConditions(node: ConditionNode, nested = false): string {
  switch (node.type) {
    case 'all':
    case 'any': {
      if (node.conditions.length === 0) return node.type === 'all' ? 'always' : 'never';
      if (node.conditions.length === 1) return summarizeConditions(node.conditions[0]!, nested);
      const text = node.conditions
        .map((c) => summarizeConditions(c, true))
        .join(node.type === 'all' ? ' AND ' : ' OR ');
      return nested ? `(${text})` : text;
    }
    case 'not':
      return `NOT ${summarizeConditions(node.condition, true)}`;
    default:
      return leafSummary(node);
  }
}
