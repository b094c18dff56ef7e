import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck, LeafResult, VisitorFacts } from '../types.ts';
import type { Compilers } from './compiler.ts';

type ContextCondition = Extract<LeafCondition, { type: 'context' }>;
type ContextValue = string | number | boolean;

/**
 * Custom context variables (from `setContextProvider`).
 * - eq / neq: when either side is a number, a numeric string on the other side compares as a number;
 *   booleans also equal 'true' / 'false' (any case); two strings compare exactly. A missing variable equals
 *   nothing (so `neq` matches it).
 * - lt / lte / gt / gte: both sides must be numbers or numeric strings, otherwise no match.
 * - contains: case-insensitive substring of the value as text.
 * - exists: the variable is present, whatever its value.
 */
export function compileContext(condition: ContextCondition): LeafCheck {
  const { name, op, value } = condition;
  const has = (facts: VisitorFacts) => Object.hasOwn(facts.context, name);
  if (op === 'exists') {
    return (facts) => {
      const present = has(facts);
      return { ok: present, actual: present ? facts.context[name] : undefined };
    };
  }
  const test = value === undefined ? () => false : comparison(op, value);
  return (facts) => {
    if (!has(facts)) return { ok: op === 'neq', actual: undefined };
    const actual = facts.context[name] as ContextValue;
    return { ok: test(actual), actual };
  };
}

export function checkContext(condition: ContextCondition, facts: VisitorFacts, _now?: number): LeafResult {
  return compileContext(condition)(facts, 0);
}

function comparison(
  op: Exclude<ContextCondition['op'], 'exists'>,
  expected: ContextValue,
): (actual: ContextValue) => boolean {
  const expectedNumber = toNumber(expected);
  switch (op) {
    case 'eq':
      return (actual) => looselyEqual(actual, expected, expectedNumber);
    case 'neq':
      return (actual) => !looselyEqual(actual, expected, expectedNumber);
    case 'contains': {
      const needle = String(expected).toLowerCase();
      return (actual) => String(actual).toLowerCase().includes(needle);
    }
    case 'lt':
      return numeric(expectedNumber, (a, b) => a < b);
    case 'lte':
      return numeric(expectedNumber, (a, b) => a <= b);
    case 'gt':
      return numeric(expectedNumber, (a, b) => a > b);
    case 'gte':
      return numeric(expectedNumber, (a, b) => a >= b);
  }
}

function numeric(
  expected: number | undefined,
  compare: (actual: number, expected: number) => boolean,
): (actual: ContextValue) => boolean {
  if (expected === undefined) return () => false;
  return (actual) => {
    const actualNumber = toNumber(actual);
    return actualNumber !== undefined && compare(actualNumber, expected);
  };
}

function looselyEqual(
  actual: ContextValue,
  expected: ContextValue,
  expectedNumber: number | undefined,
): boolean {
  if (actual === expected) return true;
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    return String(actual).toLowerCase() === String(expected).toLowerCase();
  }
  if (typeof actual === 'string' && typeof expected === 'string') return false;
  const actualNumber = toNumber(actual);
  return actualNumber !== undefined && actualNumber === expectedNumber;
}

/** Numbers, and strings that are entirely a finite decimal number (surrounding spaces allowed). */
export function toNumber(value: ContextValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'context'> = { context: compileContext };
