// Over 300 lines: the incremental evaluator is one tightly coupled data structure; split, its invariants would span files.
import type { ConditionNode, LeafCondition, Rule } from '@beckon/protocol';
import { type CompiledNode, compiledConditions, newEvalState, renewEvalState } from './compile-tree.ts';
import { resolveMessage } from './message.ts';
import type { Evaluation, RuleTrace, VisitorFacts } from './types.ts';

/**
 * Groups of facts, one bit each. A rule depends on the groups its leaves read; a visitor event changes some
 * groups; only the rules reading a changed group (or whose time bound passed) are evaluated again.
 */
const PAGE = 1;
const VISIT = 2;
const AUDIENCE = 4;
const CONTEXT = 8;
const IDENTITY = 16;
const EVENTS = 32;
const SIGNALS = 64;
const CAPACITY = 128;
const HOURS = 256;
const PREDICTION = 512;

/** What each leaf type reads. A Record, so a new condition type does not compile until it is placed here. */
const readsOf: Record<LeafCondition['type'], number> = {
  currentUrl: PAGE,
  pageTitle: PAGE,
  timeOnPage: PAGE,
  timeOnSite: VISIT,
  visitCount: VISIT,
  pagesViewed: VISIT,
  referrer: VISIT,
  utm: VISIT,
  timeSinceLastVisit: VISIT,
  urlVisited: PAGE | VISIT,
  urlFunnel: PAGE | VISIT,
  timeSinceLastChat: IDENTITY,
  country: AUDIENCE,
  language: AUDIENCE,
  device: AUDIENCE,
  browser: AUDIENCE,
  region: AUDIENCE,
  city: AUDIENCE,
  context: CONTEXT,
  authenticated: IDENTITY,
  customer: IDENTITY,
  event: EVENTS,
  exitIntent: SIGNALS,
  scrollDepth: SIGNALS,
  idleTime: SIGNALS | PAGE,
  agentAvailable: CAPACITY,
  predictedWait: CAPACITY,
  predictedAcceptance: PREDICTION,
  operatingHours: HOURS,
  // Reads the clock only: its flips are bounded by the time bound like every elapsed-time leaf.
  executionWindow: 0,
};

const masks = new WeakMap<Rule, { source: ConditionNode; mask: number }>();

/** The fact groups a rule's conditions read, cached per rule object (and tree). */
export function factGroupsOf(rule: Rule): number {
  const cached = masks.get(rule);
  if (cached !== undefined && cached.source === rule.conditions) return cached.mask;
  const mask = groupsOf(rule.conditions);
  masks.set(rule, { source: rule.conditions, mask });
  return mask;
}

function groupsOf(node: ConditionNode): number {
  if (node.type === 'all' || node.type === 'any') {
    let mask = 0;
    for (const child of node.conditions) mask |= groupsOf(child);
    return mask;
  }
  if (node.type === 'not') return groupsOf(node.condition);
  return readsOf[node.type];
}

/**
 * What an evaluator needs of one rule object, built once per object and shared by every visitor: the compiled
 * tree, the fact groups it reads, and the trace entries of the verdicts that carry no per-visitor value. Those
 * are frozen, since every visitor's trace hands out the same objects.
 */
interface RuleInfo {
  rule: Rule;
  source: ConditionNode;
  root: CompiledNode;
  groups: number;
  disabled: RuleTrace;
  matched: RuleTrace;
  notMatched: RuleTrace;
}

const infos = new WeakMap<Rule, RuleInfo>();

function infoOf(rule: Rule): RuleInfo {
  const cached = infos.get(rule);
  if (cached !== undefined && cached.source === rule.conditions && sameHeader(cached.matched, rule)) {
    return cached;
  }
  const info: RuleInfo = {
    rule,
    source: rule.conditions,
    root: compiledConditions(rule),
    groups: factGroupsOf(rule),
    disabled: Object.freeze(entryOf(rule, 'disabled')),
    matched: Object.freeze(entryOf(rule, 'outranked')),
    notMatched: Object.freeze(entryOf(rule, 'not-matched')),
  };
  infos.set(rule, info);
  return info;
}

function entryOf(rule: Rule, outcome: RuleTrace['outcome']): RuleTrace {
  return { ruleId: rule.id, ruleName: rule.name, priority: rule.priority, outcome };
}

/** A rule object edited in place (it should not be: a change is a new object) gets a new info. */
function sameHeader(entry: RuleTrace, rule: Rule): boolean {
  return entry.ruleId === rule.id && entry.ruleName === rule.name && entry.priority === rule.priority;
}

/**
 * The facts each group is compared on, in one flat row of slots (no allocation per event). Arrays the server
 * mutates in place (events, visited URLs) are signed by identity, length and last element; the context by its
 * keys and values in order (kept apart, its size varies); operating hours by their JSON.
 */
const SLOTS = 37;

/** Writes `value` in `slot` and says whether it differs from what was there (1) or not (0). */
function put(row: unknown[], slot: number, value: unknown): number {
  if (Object.is(row[slot], value)) return 0;
  row[slot] = value;
  return 1;
}

function changedGroups(row: unknown[], context: unknown[], facts: VisitorFacts): number {
  const { page, visit, location, device, signals, capacity, customer, events, visitUrls, utm } = facts;
  let changed = 0;
  if (put(row, 0, page.url) + put(row, 1, page.title) + put(row, 2, page.startedAt) > 0) changed |= PAGE;
  if (
    put(row, 3, visit.startedAt) +
      put(row, 4, visit.pagesViewed) +
      put(row, 5, visit.visitNumber) +
      put(row, 6, visit.referrer) +
      put(row, 7, visitUrls) +
      put(row, 8, visitUrls?.length) +
      put(row, 9, visitUrls?.[visitUrls.length - 1]) +
      put(row, 10, utm?.source) +
      put(row, 11, utm?.medium) +
      put(row, 12, utm?.campaign) +
      put(row, 13, facts.lastVisitAt) >
    0
  ) {
    changed |= VISIT;
  }
  if (
    put(row, 14, facts.language) +
      put(row, 15, location.country) +
      put(row, 16, location.region) +
      put(row, 17, location.city) +
      put(row, 18, device?.type) +
      put(row, 19, device?.browser) >
    0
  ) {
    changed |= AUDIENCE;
  }
  let length = 0;
  let contextChanged = 0;
  for (const name in facts.context) {
    contextChanged += put(context, length, name) + put(context, length + 1, facts.context[name]);
    length += 2;
  }
  if (context.length !== length) {
    context.length = length;
    contextChanged = 1;
  }
  if (contextChanged > 0) changed |= CONTEXT;
  if (
    put(row, 20, facts.authenticated) +
      put(row, 21, facts.lastChatAt) +
      put(row, 22, customer?.name) +
      put(row, 23, customer?.email) +
      put(row, 24, customer?.phone) +
      put(row, 25, customer?.company) +
      put(row, 26, customer?.externalId) >
    0
  ) {
    changed |= IDENTITY;
  }
  if (put(row, 27, events) + put(row, 28, events?.length) + put(row, 29, events?.[events.length - 1]) > 0) {
    changed |= EVENTS;
  }
  if (
    put(row, 30, signals?.exitIntent) +
      put(row, 31, signals?.scrollDepth) +
      put(row, 32, signals?.lastActiveAt) >
    0
  ) {
    changed |= SIGNALS;
  }
  if (put(row, 33, capacity?.agentAvailable) + put(row, 34, capacity?.predictedWaitSeconds) > 0) {
    changed |= CAPACITY;
  }
  const hours = facts.operatingHours === undefined ? undefined : JSON.stringify(facts.operatingHours);
  if (put(row, 35, hours) > 0) changed |= HOURS;
  if (put(row, 36, facts.prediction?.probability) > 0) changed |= PREDICTION;
  return changed;
}

const NEVER = Number.POSITIVE_INFINITY;

/**
 * Kept verdicts hold until an instant stored as whole milliseconds after the evaluator's base instant, in an
 * Int32Array (half the memory of epoch milliseconds in a Float64Array). `FOREVER` stands for no bound; a
 * bound rounded down or beyond the range only makes a rule run again early, which changes no answer. The base
 * moves (and every rule runs again) on the first call, when the clock goes backwards, and after `REBASE_MS`.
 */
const FOREVER = 0x7fffffff;
const REBASE_MS = 0x40000000; // about 12 days

function offsetOf(until: number, base: number): number {
  if (until === NEVER) return FOREVER;
  const offset = Math.floor(until - base);
  return offset < FOREVER ? offset : FOREVER - 1;
}

/** Scratch space for the trees; evaluations are synchronous, so one is enough for every evaluator. */
const scratch = newEvalState();

/**
 * Incremental evaluation for one visitor (one per connection): the same answer as `evaluate(rules, facts, now)`
 * — the same winner, message and outcome of every rule; `nextCheckAt` and `becomesTrueAt` never later, and
 * earlier when a kept verdict's bound was since overtaken (looking again early finds nothing) — but a rule is
 * evaluated again only when a fact group it reads changed, the rule changed (another object), time went past
 * the instant its value could flip (the bound every time-based leaf reports), or the clock went backwards.
 * Otherwise its last verdict is kept. Trace entries carry no `failed` detail (outcome and `becomesTrueAt`
 * only); explanations use the full `evaluate`.
 *
 * Per rule position it keeps three slots: the rule's shared info (compiled tree, groups read, frozen trace
 * entries), the verdict's trace entry (a shared one unless it carries a `becomesTrueAt`) and until when that
 * verdict holds. Re-running a rule costs its tree and nothing else, so an event that affects every rule (a
 * page view) costs about a plain evaluation, not more.
 */
export class IncrementalEvaluator {
  /** The facts last seen, one slot per compared value (`changedGroups`), and the context's keys and values. */
  private readonly signature: unknown[] = new Array(SLOTS);
  private readonly context: unknown[] = [];
  private lastNow = Number.NaN;
  private base = 0;
  private infos: (RuleInfo | undefined)[] = [];
  private entries: (RuleTrace | undefined)[] = [];
  /** Per position: until when the kept verdict holds (its next possible flip from time alone), `offsetOf`. */
  private validUntil = new Int32Array(0);
  /** Rules evaluated by the last call (for measurements and tests). */
  lastEvaluated = 0;

  evaluate(rules: readonly Rule[], facts: VisitorFacts, now: number): Evaluation {
    const changed = changedGroups(this.signature, this.context, facts);
    // The first call, and a clock going backwards, trust nothing kept (`now >= NaN` is false): not even the
    // verdicts of rules reading no fact group, the clock alone (an execution window).
    const rerunAll = !(now >= this.lastNow) || now - this.base >= REBASE_MS;
    this.lastNow = now;
    if (rerunAll) this.base = now;
    const elapsed = now - this.base;
    const count = rules.length;
    if (this.validUntil.length !== count) {
      this.infos = new Array(count);
      this.entries = new Array(count);
      this.validUntil = new Int32Array(count);
    }
    const { infos, entries, validUntil } = this;
    renewEvalState(scratch);
    const trace: RuleTrace[] = new Array(count);
    let winner: Rule | undefined;
    let winnerIndex = -1;
    let nextCheckAt = NEVER;
    let evaluated = 0;
    for (let index = 0; index < count; index++) {
      const rule = rules[index] as Rule;
      let info = infos[index];
      let entry = entries[index];
      if (info === undefined || info.rule !== rule || info.source !== rule.conditions) {
        info = infoOf(rule);
        infos[index] = info;
        entry = undefined;
      }
      if (
        rerunAll ||
        entry === undefined ||
        (info.groups & changed) !== 0 ||
        elapsed >= (validUntil[index] as number)
      ) {
        let until = NEVER;
        if (!rule.enabled) entry = info.disabled;
        else {
          evaluated += 1;
          scratch.failed = undefined;
          const matched = info.root(facts, now, scratch);
          until = scratch.nextChangeAt;
          if (matched) entry = info.matched;
          else if (until === NEVER) entry = info.notMatched;
          // The entry already kept says the same: no new object.
          else if (entry === undefined || entry.becomesTrueAt !== until || entry.outcome !== 'not-matched') {
            entry = {
              ruleId: rule.id,
              ruleName: rule.name,
              priority: rule.priority,
              outcome: 'not-matched',
              becomesTrueAt: until,
            };
          }
        }
        entries[index] = entry;
        validUntil[index] = offsetOf(until, this.base);
      }
      trace[index] = entry;
      if (entry.outcome === 'outranked') {
        if (winner === undefined || outranks(rule, winner)) {
          winner = rule;
          winnerIndex = index;
        }
      } else if (entry.becomesTrueAt !== undefined && entry.becomesTrueAt < nextCheckAt) {
        nextCheckAt = entry.becomesTrueAt;
      }
    }
    // The failing leaf's details point into these facts: drop them so the shared scratch keeps nothing alive.
    scratch.failed = undefined;
    scratch.failedActual = undefined;
    scratch.failedReason = undefined;
    this.lastEvaluated = evaluated;
    if (winner !== undefined) {
      trace[winnerIndex] = { ...(trace[winnerIndex] as RuleTrace), outcome: 'fired' };
      const fire = {
        ruleId: winner.id,
        ruleName: winner.name,
        message: resolveMessage(winner.message, facts),
        showPrechat: winner.showPrechat,
      };
      return { fire, trace };
    }
    return nextCheckAt === NEVER ? { trace } : { nextCheckAt, trace };
  }
}

/** The same order as `evaluate`: higher priority, then the smaller id. */
function outranks(challenger: Rule, holder: Rule): boolean {
  if (challenger.priority !== holder.priority) return challenger.priority > holder.priority;
  return challenger.id < holder.id;
}
