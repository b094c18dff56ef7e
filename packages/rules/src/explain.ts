import type { LeafCondition } from '@beckon/protocol';
import { describeActual, describeMore, subjectOf } from './explain-more.ts';
import { NUMERIC_OP_SYMBOLS } from './numeric-op.ts';
import type { LocalTime } from './zoned-time.ts';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const URL_OPS = { equals: 'equals', startsWith: 'starts with', contains: 'contains', wildcard: 'matches' };

/** A short human description of what a leaf asks for, as shown in the console's "why not" view. */
export function describeCondition(condition: LeafCondition): string {
  switch (condition.type) {
    case 'currentUrl':
      return `${urlSubject(condition.value)} ${URL_OPS[condition.op]} '${condition.value}'`;
    case 'timeOnPage':
      return `time on page ${NUMERIC_OP_SYMBOLS[condition.op]} ${condition.seconds} s`;
    case 'timeOnSite':
      return `time on site ${NUMERIC_OP_SYMBOLS[condition.op]} ${condition.seconds} s`;
    case 'visitCount':
      return `visit number ${NUMERIC_OP_SYMBOLS[condition.op]} ${condition.value}`;
    case 'executionWindow':
      return `execution window ${describeWindow(condition)}`;
    case 'country':
      return `country ${condition.op === 'in' ? 'in' : 'not in'} [${condition.values.join(', ')}]`;
    case 'context':
      return condition.op === 'exists'
        ? `context '${condition.name}' exists`
        : `context '${condition.name}' ${condition.op} ${JSON.stringify(condition.value)}`;
    case 'operatingHours':
      return `operating hours ${condition.state}`;
    default:
      return describeMore(condition);
  }
}

/** Why a leaf did not give the value the rule needed; `negated` when a `not` above it wanted it false. */
export function explainFailure(condition: LeafCondition, actual: unknown, negated: boolean): string {
  if (negated) return `${describeCondition(condition)} holds, but a 'not' requires it not to`;
  const needs = `needs ${describeCondition(condition)}`;
  switch (condition.type) {
    case 'currentUrl':
      return `${urlSubject(condition.value)} is '${String(actual)}'; ${needs}`;
    case 'timeOnPage':
      return `time on page is ${String(actual)} s; ${needs}`;
    case 'timeOnSite':
      return `time on site is ${String(actual)} s; ${needs}`;
    case 'visitCount':
      return `visit number is ${String(actual)}; ${needs}`;
    case 'executionWindow':
      return `local time is ${describeLocalTime(actual)}; ${needs}`;
    case 'country':
      return `country is ${actual === undefined ? 'unknown' : String(actual)}; ${needs}`;
    case 'context':
      return actual === undefined
        ? `context '${condition.name}' is missing; ${needs}`
        : `context '${condition.name}' is ${JSON.stringify(actual)}; ${needs}`;
    case 'operatingHours':
      return `the widget is ${String(actual)}; ${needs}`;
    default:
      return `${subjectOf(condition)} ${describeActual(condition, actual)}; ${needs}`;
  }
}

function urlSubject(value: string): string {
  return value.startsWith('/') ? 'page path' : 'page URL';
}

function describeWindow(condition: Extract<LeafCondition, { type: 'executionWindow' }>): string {
  const parts: string[] = [];
  if (condition.from !== undefined || condition.to !== undefined) {
    parts.push(`${condition.from ?? '…'} to ${condition.to ?? '…'}`);
  }
  if (condition.days !== undefined) parts.push(condition.days.map((day) => DAY_NAMES[day]).join(','));
  if (condition.startTime !== undefined || condition.endTime !== undefined) {
    parts.push(`${condition.startTime ?? '00:00'}–${condition.endTime ?? '24:00'}`);
  }
  parts.push(`(${condition.timeZone})`);
  return parts.join(' ');
}

function describeLocalTime(actual: unknown): string {
  if (typeof actual !== 'object' || actual === null) return String(actual);
  const local = actual as LocalTime;
  return `${DAY_NAMES[local.day]} ${local.date} ${local.time} (${local.timeZone})`;
}
