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
