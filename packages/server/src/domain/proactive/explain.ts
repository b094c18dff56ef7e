import type {
  ExplainJourney,
  ExplainRule,
  Explanation,
  explainJourneySchema,
  PredictionView,
  Rule,
} from '@beckon/protocol';
import { evaluate, type RuleTrace, utmOf, type VisitorFacts } from '@beckon/rules';
import type { z } from 'zod';
import type { Decision } from './decide.ts';

type Journey = z.output<typeof explainJourneySchema>;

export type { ExplainJourney };

/** The facts of a typed journey at `now`: time on page and on site become the start instants. */
export function journeyFacts(journey: Journey, now: number): VisitorFacts {
  const onSite = Math.max(journey.timeOnSiteSeconds ?? journey.timeOnPageSeconds, journey.timeOnPageSeconds);
  return {
    page: { url: journey.url, title: journey.title, startedAt: now - journey.timeOnPageSeconds * 1000 },
    visit: {
      startedAt: now - onSite * 1000,
      pagesViewed: journey.pagesViewed,
      visitNumber: journey.visitNumber,
      ...(journey.referrer ? { referrer: journey.referrer } : {}),
    },
    language: journey.language,
    location: {
      ...(journey.country ? { country: journey.country.toUpperCase() } : {}),
      ...(journey.region ? { region: journey.region } : {}),
      ...(journey.city ? { city: journey.city } : {}),
    },
    context: journey.context,
    authenticated: journey.authenticated,
    ...journeyExtras(journey, now),
  };
}

/** The optional facts of the complete engine, when the journey gives them. */
function journeyExtras(journey: Journey, now: number): Partial<VisitorFacts> {
  const extras: Partial<VisitorFacts> = {};
  const urls = [...(journey.earlierUrls ?? []), journey.url];
  extras.visitUrls = urls;
  extras.utm = utmOf(urls[0]);
  if (journey.device) extras.device = { type: journey.device, browser: journey.browser };
  if (journey.events) extras.events = journey.events;
  extras.signals = {
    exitIntent: journey.exitIntent ?? false,
    scrollDepth: journey.scrollDepth ?? 0,
    // Like a live page view: no reported activity means idle since the page started.
    lastActiveAt: now - (journey.idleSeconds ?? journey.timeOnPageSeconds) * 1000,
  };
  return extras;
}

function traceEntry(trace: RuleTrace): ExplainRule {
  const base = { ruleId: trace.ruleId, ruleName: trace.ruleName, priority: trace.priority };
  switch (trace.outcome) {
    case 'fired':
      return { ...base, outcome: 'fired', reason: 'Matches, and has the highest priority.' };
    case 'outranked':
      return { ...base, outcome: 'outranked', reason: 'Matches, but a rule with a higher priority fires.' };
    case 'disabled':
      return { ...base, outcome: 'disabled', reason: 'The rule is disabled.' };
    default:
      return {
        ...base,
        outcome: 'not-matched',
        reason: trace.failed?.reason ?? 'No condition can match (an empty "any" group).',
        failedPath: trace.failed?.path,
        actual: trace.failed?.actual,
        becomesTrueAt: trace.becomesTrueAt,
      };
  }
}

/**
 * The decision as the API shows it: one entry per rule, in the order given. A vetoed rule names its gate, and
 * says whether its conditions match anyway, so an admin can tell "wrong conditions" from "held back".
 */
export function explanationOf(
  decision: Decision,
  rules: readonly Rule[],
  facts: VisitorFacts,
  now: number,
  prediction?: PredictionView,
): Explanation {
  const traced = new Map(decision.evaluation.trace.map((entry) => [entry.ruleId, entry]));
  // The vetoed rules alone, through the engine, to know whether each would match without its gate.
  const unvetoed = evaluate(
    rules.filter((rule) => !traced.has(rule.id)),
    facts,
    now,
  ).trace;
  const unvetoedById = new Map(unvetoed.map((entry) => [entry.ruleId, entry]));
  const entries = rules.map((rule): ExplainRule => {
    const entry = traced.get(rule.id);
    const waiting = decision.waiting;
    if (entry?.outcome === 'fired' && waiting) {
      const percent = (p: number) => `${(p * 100).toFixed(1)} %`;
      return {
        ...traceEntry(entry),
        reason: `Matches; waits for its best moment: ${percent(waiting.probability)} now, up to ${percent(waiting.bestAhead)} expected within its delay.`,
        waitingUntil: waiting.until,
      };
    }
    if (entry?.outcome === 'fired' && decision.assignment) {
      const assignment = decision.assignment;
      const side = assignment.kind === 'holdout' ? 'holdout' : assignment.variantId;
      const held =
        assignment.kind === 'holdout' ? ' The visitor is in its holdout: not invited, recorded.' : '';
      const explained = traceEntry(entry);
      return { ...explained, assignment: side, reason: `${explained.reason}${held}` };
    }
    if (entry) return traceEntry(entry);
    const veto = decision.global ?? decision.capped.get(rule.id);
    const shadow = unvetoedById.get(rule.id);
    if (!rule.enabled || !veto || !shadow) return traceEntry(shadow ?? disabledTrace(rule));
    return {
      ruleId: rule.id,
      ruleName: rule.name,
      priority: rule.priority,
      outcome: 'vetoed',
      reason: veto.reason,
      gate: veto.gate,
      vetoedUntil: veto.until,
      conditionsMatch: shadow.outcome === 'fired' || shadow.outcome === 'outranked',
      failedPath: shadow.failed?.path,
      actual: shadow.failed?.actual,
      becomesTrueAt: shadow.becomesTrueAt,
    };
  });
  const fire = decision.waiting ? undefined : decision.evaluation.fire;
  return {
    at: now,
    fire: fire && { ruleId: fire.ruleId, ruleName: fire.ruleName, message: fire.message },
    nextCheckAt: decision.nextCheckAt,
    rules: entries,
    ...(prediction ? { prediction } : {}),
  };
}

function disabledTrace(rule: Rule): RuleTrace {
  return { ruleId: rule.id, ruleName: rule.name, priority: rule.priority, outcome: 'disabled' };
}
