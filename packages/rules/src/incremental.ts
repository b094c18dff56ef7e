import type { ConditionNode, LeafCondition, Rule } from '@beckon/protocol';
import { compiledConditions, newEvalState } from './compile-tree.ts';
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
 * A flat signature of every fact group, compared value by value with the previous one. Arrays the server
 * mutates in place (events, visited URLs) are signed by identity, length and last element.
 */
function signatureOf(facts: VisitorFacts): unknown[][] {
  const { page, visit, location, device, signals, capacity, customer, events, visitUrls, utm } = facts;
  const context: unknown[] = [];
  for (const name in facts.context) context.push(name, facts.context[name]);
  return [
    [page.url, page.title, page.startedAt],
    [
      visit.startedAt,
      visit.pagesViewed,
      visit.visitNumber,
      visit.referrer,
      visitUrls,
      visitUrls?.length,
      visitUrls?.[visitUrls.length - 1],
      utm?.source,
      utm?.medium,
      utm?.campaign,
      facts.lastVisitAt,
    ],
    [facts.language, location.country, location.region, location.city, device?.type, device?.browser],
    context,
    [
      facts.authenticated,
      facts.lastChatAt,
      customer?.name,
      customer?.email,
      customer?.phone,
      customer?.company,
      customer?.externalId,
    ],
    [events, events?.length, events?.[events.length - 1]],
    [signals?.exitIntent, signals?.scrollDepth, signals?.lastActiveAt],
    [capacity?.agentAvailable, capacity?.predictedWaitSeconds],
    [facts.operatingHours === undefined ? undefined : JSON.stringify(facts.operatingHours)],
  ];
}

function changedGroups(before: unknown[][] | undefined, after: unknown[][]): number {
  if (before === undefined) return -1;
  let changed = 0;
  for (let group = 0; group < after.length; group++) {
    const a = before[group] as unknown[];
    const b = after[group] as unknown[];
    let same = a.length === b.length;
    for (let i = 0; same && i < b.length; i++) same = Object.is(a[i], b[i]);
    if (!same) changed |= 1 << group;
  }
  return changed;
}

const NEVER = Number.POSITIVE_INFINITY;

/**
 * Incremental evaluation for one visitor (one per connection): the same answer as `evaluate(rules, facts, now)`
 * — the same winner, message and outcome of every rule; `nextCheckAt` and `becomesTrueAt` never later, and
 * earlier when a kept verdict's bound was since overtaken (looking again early finds nothing) — but a rule is
 * evaluated again only when a fact group it reads changed, the rule changed (another object), time went past
 * the instant its value could flip (the bound every time-based leaf reports), or the clock went backwards.
 * Otherwise its last verdict is kept. Trace entries carry no `failed` detail (outcome and `becomesTrueAt`
 * only); explanations use the full `evaluate`.
 */
export class IncrementalEvaluator {
  private signature: unknown[][] | undefined;
  private lastNow = Number.NEGATIVE_INFINITY;
  private ruleAt: (Rule | undefined)[] = [];
  /** Per position: until when the kept verdict holds (the rule's next possible flip from time alone). */
  private validUntil = new Float64Array(0);
  /** Per position: the fact groups the rule there reads (`factGroupsOf`, looked up once per rule object). */
  private groups = new Int32Array(0);
  private entries: (RuleTrace | undefined)[] = [];
  /** Rules evaluated by the last call (for measurements and tests). */
  lastEvaluated = 0;

  evaluate(rules: readonly Rule[], facts: VisitorFacts, now: number): Evaluation {
    const signature = signatureOf(facts);
    const changed = now < this.lastNow ? -1 : changedGroups(this.signature, signature);
    this.signature = signature;
    this.lastNow = now;
    if (this.validUntil.length !== rules.length) {
      this.validUntil = new Float64Array(rules.length);
      this.groups = new Int32Array(rules.length);
      this.ruleAt = new Array(rules.length);
      this.entries = new Array(rules.length);
    }
    const state = newEvalState();
    const trace: RuleTrace[] = new Array(rules.length);
    let winner: Rule | undefined;
    let winnerIndex = -1;
    let nextCheckAt = NEVER;
    let evaluated = 0;
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index] as Rule;
      let entry = this.entries[index];
      const kept =
        entry !== undefined &&
        this.ruleAt[index] === rule &&
        ((this.groups[index] as number) & changed) === 0 &&
        now < (this.validUntil[index] as number);
      if (!kept) {
        entry = { ruleId: rule.id, ruleName: rule.name, priority: rule.priority, outcome: 'disabled' };
        let until = NEVER;
        if (rule.enabled) {
          evaluated += 1;
          state.failed = undefined;
          const matched = compiledConditions(rule)(facts, now, state);
          until = state.nextChangeAt;
          entry.outcome = matched ? 'outranked' : 'not-matched';
          // No `failed` detail is kept: it holds the facts' actual values, and one per rule per connection is
          // most of the memory a visitor would cost. Explanations use the full `evaluate`.
          if (!matched && until !== NEVER) entry.becomesTrueAt = until;
        }
        this.entries[index] = entry;
        if (this.ruleAt[index] !== rule) this.groups[index] = factGroupsOf(rule);
        this.ruleAt[index] = rule;
        this.validUntil[index] = until;
      }
      const current = entry as RuleTrace;
      trace[index] = current;
      if (current.outcome === 'outranked') {
        if (winner === undefined || outranks(rule, winner)) {
          winner = rule;
          winnerIndex = index;
        }
      } else if (current.becomesTrueAt !== undefined && current.becomesTrueAt < nextCheckAt) {
        nextCheckAt = current.becomesTrueAt;
      }
    }
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
