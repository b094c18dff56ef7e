import type { ConditionNode, LeafCondition, Rule } from '@beckon/protocol';
import { compileLeaf } from './conditions/compile-leaf.ts';
import type { LeafCheck, LeafResult, VisitorFacts } from './types.ts';

const NEVER = Number.POSITIVE_INFINITY;

export interface LeafInfo {
  condition: LeafCondition;
  path: string;
  /** An odd number of `not`s sits above this leaf, so the rule needs it false. */
  negated: boolean;
  /** The last explanation and the actual value it was written for: most evaluations repeat the last one. */
  reason?: string;
  reasonFor?: unknown;
}

/** Scratch space shared by one evaluation, so that walking a tree allocates nothing of its own. */
export interface EvalState {
  /** Names one evaluation (one set of facts at one instant): leaf results are shared within it (`LeafCell`). */
  epoch: number;
  /** For the node just evaluated: earliest instant its value could flip from time alone (NEVER if none). */
  nextChangeAt: number;
  failed: LeafInfo | undefined;
  failedActual: unknown;
  failedReason: string | undefined;
}

export type CompiledNode = (facts: VisitorFacts, now: number, state: EvalState) => boolean;

let lastEpoch = 0;

/** A state for one evaluation: the facts and the instant must not change while it is in use. */
export function newEvalState(): EvalState {
  return {
    epoch: ++lastEpoch,
    nextChangeAt: NEVER,
    failed: undefined,
    failedActual: undefined,
    failedReason: undefined,
  };
}

/** Reuses a state for another evaluation (other facts or another instant): results shared so far are stale. */
export function renewEvalState(state: EvalState): void {
  state.epoch = ++lastEpoch;
  state.failed = undefined;
}

/**
 * One compiled check per distinct leaf (same JSON), shared by every rule using it, with the result it gave in
 * the last evaluation: real rule sets repeat the same URL, country or time-window leaf across many rules, and
 * within one evaluation the facts and the instant are fixed, so the leaf is checked once (200 rules of the
 * bench hold about 20 distinct URL leaves).
 */
interface LeafCell {
  check: LeafCheck;
  epoch: number;
  result: LeafResult;
}

const CELL_LIMIT = 10_000;
const cells = new Map<string, LeafCell>();
const unchecked: LeafResult = { ok: false, actual: undefined };

function cellOf(condition: LeafCondition): LeafCell {
  const key = JSON.stringify(condition);
  const known = cells.get(key);
  if (known !== undefined) return known;
  // Compiled trees keep their cells; dropping the index only stops sharing with leaves compiled afterwards.
  if (cells.size >= CELL_LIMIT) cells.clear();
  const cell: LeafCell = { check: compileLeaf(condition), epoch: 0, result: unchecked };
  cells.set(key, cell);
  return cell;
}

interface CompiledRule {
  source: ConditionNode;
  root: CompiledNode;
}

const compiledRules = new WeakMap<Rule, CompiledRule>();

/** Rules are compiled on first use and reused for as long as the rule object lives. */
export function compiledConditions(rule: Rule): CompiledNode {
  const cached = compiledRules.get(rule);
  // A rule object whose tree was swapped in place must not keep running the old tree.
  if (cached !== undefined && cached.source === rule.conditions) return cached.root;
  const root = compileNode(rule.conditions, 'conditions', false);
  compiledRules.set(rule, { source: rule.conditions, root });
  return root;
}

/**
 * Besides the value, each node reports when its value could next flip with time alone, which bounds when a
 * rule could start matching: an `all` that is false needs every false child to flip (the latest of their
 * flips), an `any` that is false needs one (the earliest), and symmetrically when they are true. A false
 * child that can never flip ends an `all` early, as a true one ends an `any`.
 */
export function compileNode(node: ConditionNode, path: string, negated: boolean): CompiledNode {
  switch (node.type) {
    case 'all':
      return compileAll(
        node.conditions.map((child, index) => compileNode(child, `${path}.all[${index}]`, negated)),
        !negated,
      );
    case 'any':
      return compileAny(
        node.conditions.map((child, index) => compileNode(child, `${path}.any[${index}]`, negated)),
        !negated,
      );
    case 'not': {
      const child = compileNode(node.condition, `${path}.not`, !negated);
      return (facts, now, state) => !child(facts, now, state);
    }
    default:
      return compileLeafNode({ condition: node, path, negated });
  }
}

function compileLeafNode(info: LeafInfo): CompiledNode {
  const cell = cellOf(info.condition);
  const wanted = !info.negated;
  return (facts, now, state) => {
    let result = cell.result;
    if (cell.epoch !== state.epoch) {
      result = cell.check(facts, now);
      cell.result = result;
      cell.epoch = state.epoch;
    }
    state.nextChangeAt = result.nextChangeAt ?? NEVER;
    if (result.ok !== wanted && state.failed === undefined) {
      state.failed = info;
      state.failedActual = result.actual;
      state.failedReason = result.reason;
    }
    return result.ok;
  };
}

function compileAll(children: CompiledNode[], wanted: boolean): CompiledNode {
  return (facts, now, state) => {
    const failedBefore = state.failed;
    let ok = true;
    let latestFalseFlip = Number.NEGATIVE_INFINITY;
    let earliestTrueFlip = NEVER;
    for (const child of children) {
      if (child(facts, now, state)) {
        if (state.nextChangeAt < earliestTrueFlip) earliestTrueFlip = state.nextChangeAt;
      } else {
        ok = false;
        if (state.nextChangeAt > latestFalseFlip) latestFalseFlip = state.nextChangeAt;
        if (latestFalseFlip === NEVER) break;
      }
    }
    state.nextChangeAt = ok ? earliestTrueFlip : latestFalseFlip;
    // Children that failed inside a group that got the value the rule needed are not to blame.
    if (ok === wanted) state.failed = failedBefore;
    return ok;
  };
}

function compileAny(children: CompiledNode[], wanted: boolean): CompiledNode {
  return (facts, now, state) => {
    const failedBefore = state.failed;
    let ok = false;
    let latestTrueFlip = Number.NEGATIVE_INFINITY;
    let earliestFalseFlip = NEVER;
    for (const child of children) {
      if (child(facts, now, state)) {
        ok = true;
        if (state.nextChangeAt > latestTrueFlip) latestTrueFlip = state.nextChangeAt;
        if (latestTrueFlip === NEVER) break;
      } else if (state.nextChangeAt < earliestFalseFlip) {
        earliestFalseFlip = state.nextChangeAt;
      }
    }
    state.nextChangeAt = ok ? latestTrueFlip : earliestFalseFlip;
    if (ok === wanted) state.failed = failedBefore;
    return ok;
  };
}
