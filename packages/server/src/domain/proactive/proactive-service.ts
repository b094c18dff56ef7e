import type { LeafCondition, Rule } from '@beckon/protocol';
import {
  IncrementalEvaluator,
  nextFeatureChangeAt,
  type Prediction,
  ruleIsSmart,
  type VisitorFacts,
} from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import { type Metrics, noMetrics } from '../../ports/metrics.ts';
import type { Store, WidgetRow } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';
import type { DomainEvents } from '../domain-events.ts';
import { fail } from '../errors.ts';
import { capacityFacts } from '../routing/capacity-facts.ts';
import { factsOf, type VisitorSession } from '../visitors/visitor-session.ts';
import { AcceptanceLearner } from './acceptance-learner.ts';
import { type Decision, type DecisionInput, decide, historySince } from './decide.ts';
import { EvaluationCounter } from './evaluation-counter.ts';
import { targetQueue } from './gates.ts';
import { hoursVeto } from './hours-gate.ts';
import type { InvitationLifecycle } from './invitations.ts';
import { rulesUse } from './rule-needs.ts';
import { resolveRulePreview } from './rule-preview.ts';
import { RuleVersions } from './rule-versions.ts';
import { VariantOptimiser } from './variant-optimiser.ts';

const checkKey = (session: VisitorSession) => `visitor-check:${session.connectionId}`;
const capacityConditions: LeafCondition['type'][] = ['agentAvailable', 'predictedWait'];
const defaultPageMessage = "Hi! Have any questions? I'm here to help.";

/** Drafts never run for live visitors (a preview link shows one to its admin only). */
function liveRules(rules: readonly Rule[], previewRuleId: string | undefined): Rule[] {
  return rules.filter((rule) => rule.status !== 'draft' || rule.id === previewRuleId);
}

/**
 * Evaluation: decides when to invite each connected visitor. Each visitor has at most one pending rule check on
 * the clock; any new fact re-evaluates and re-arms it. What follows a firing is InvitationLifecycle's.
 */
export class ProactiveService {
  /** Visitors connected to this node, by id (the latest tab), for the explain API. */
  private readonly live = new Map<string, VisitorSession>();
  private readonly ruleVersions = new RuleVersions();
  /** "Evaluated" counts per rule and day for funnel analytics, flushed to the store in batches. */
  readonly evaluations: EvaluationCounter;
  private readonly optimiser: VariantOptimiser;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly deadlines: Deadlines,
    private readonly invitations: Pick<InvitationLifecycle, 'invite' | 'recordHeld'>,
    /** Tells CapacityWatch that a live rule of a widget reads capacity. */
    private readonly events: DomainEvents,
    private readonly metrics: Metrics = noMetrics,
    readonly learner: AcceptanceLearner = new AcceptanceLearner(store, clock, deadlines),
  ) {
    this.evaluations = new EvaluationCounter(store, deadlines);
    this.optimiser = new VariantOptimiser(store, clock);
  }

  /**
   * Re-evaluates the widget's rules for this visitor; invites, or arms the next check (rules or gates). The widget,
   * its rules and the visitor's invitations are read here, so changes made on any node apply.
   */
  async evaluate(session: VisitorSession): Promise<void> {
    this.deadlines.cancel(checkKey(session));
    this.live.set(session.visitorId, session);
    const now = this.clock.now();
    const { previewRuleId } = session;
    const reads = await this.store.readRuleCheck(session.widget.id, session.visitorId, (widget, rows) =>
      historySince(widget, liveRules(rows, previewRuleId), session, now),
    );
    const widget = reads.widget ?? session.widget;
    session.widget = widget;
    if (!session.tracking) return;
    if (!widget.enabled || !widget.proactiveEnabled || reads.busy) return;
    const preview = previewRuleId !== undefined;
    const rules = this.ruleVersions.stable(liveRules(reads.rules, previewRuleId));
    const facts = await this.factsFor(session, rules);
    const { history } = reads;
    session.engine ??= new IncrementalEvaluator();
    await this.optimiser.prepare(widget.id, rules);
    const { prediction, moment } = await this.smartInputs(widget, rules, facts, now, session.bestMoment);
    session.prediction = prediction;
    const decision = decide({
      widget,
      rules,
      facts,
      now,
      busy: false,
      history,
      answerable: await this.answerableQueues(widget, rules),
      // A preview shows the rule's own message: no A/B draw, no holdout.
      visitorId: preview ? undefined : session.visitorId,
      engine: session.engine,
      optimise: (rule) => this.optimiser.pick(widget.id, rule),
      smartOff: !widget.smartInvitations,
      moment,
    });
    if (!preview) this.countEvaluated(widget.id, decision, now);
    session.bestMoment = decision.waiting && {
      ruleId: decision.waiting.ruleId,
      since: decision.waiting.since,
      pageStartedAt: facts.page.startedAt,
    };
    if (decision.waiting) {
      this.deadlines.arm(checkKey(session), decision.waiting.until, () => this.evaluate(session));
    } else if (decision.evaluation.fire && decision.assignment?.kind === 'holdout') {
      await this.invitations.recordHeld(session, decision.evaluation.fire, decision.smart);
    } else if (decision.evaluation.fire) {
      const side = decision.assignment?.kind === 'variant' ? decision.assignment.variantId : undefined;
      const shown = await this.invitations.invite(
        session,
        decision.evaluation.fire,
        'rule',
        preview ? 'preview' : side,
        decision.smart,
      );
      // Every rule invitation of the widget teaches its model (not previews): it is ready when a rule needs it.
      if (shown && !preview && widget.smartInvitations) {
        this.learner.rememberShown(shown, widget.id, this.learner.features(widget, facts, now));
      }
    } else if (decision.nextCheckAt !== undefined) {
      this.deadlines.arm(checkKey(session), decision.nextCheckAt, () => this.evaluate(session));
    }
  }

  /**
   * The visitor opened a chat: no rule invites while it is open (the busy gate), so the pending check is dropped
   * without reading the widget, its rules and the visitor's invitations again. The next page view evaluates anew.
   */
  chatOpened(session: VisitorSession): void {
    this.deadlines.cancel(checkKey(session));
    this.live.set(session.visitorId, session);
  }

  /**
   * Re-evaluates only if a live rule looks at one of these condition types: browser signals and custom
   * events arrive often, and most widgets' rules ignore them.
   */
  async evaluateIfUsed(session: VisitorSession, ...types: LeafCondition['type'][]): Promise<void> {
    const rules = await this.rules(session.widget.id, session.previewRuleId);
    if (rulesUse(rules, ...types)) await this.evaluate(session);
  }

  /**
   * The visitor's predicted chance of accepting now, put in the facts for `predictedAcceptance`, and what best
   * moment needs. Nothing when the widget's switch is off, no rule asks for it (unless `always`: the explanation
   * shows it anyway), or the model is not ready. `waiting`: a best-moment rule already waiting on this page view.
   */
  async smartInputs(
    widget: WidgetRow,
    rules: readonly Rule[],
    facts: VisitorFacts,
    now: number,
    waiting?: VisitorSession['bestMoment'],
    always = false,
  ): Promise<{ prediction?: Prediction; moment?: DecisionInput['moment'] }> {
    if (!widget.smartInvitations || !(always || rules.some(ruleIsSmart))) return {};
    await this.learner.prepare(widget.id);
    const prediction = this.learner.predict(widget, facts, now);
    if (!prediction) return {};
    facts.prediction = { probability: prediction.probability };
    const matchedSince = new Map<string, number>();
    if (waiting && waiting.pageStartedAt === facts.page.startedAt)
      matchedSince.set(waiting.ruleId, waiting.since);
    const predictAt = (at: number) =>
      this.learner.predict(widget, facts, at)?.probability ?? prediction.probability;
    const nextChangeAt = nextFeatureChangeAt(facts, now);
    return { prediction, moment: { predictAt, matchedSince, nextChangeAt } };
  }

  /** The visitor's latest prediction on this node, for the explanation and the live visitor screen. */
  lastPrediction(visitorId: string): Prediction | undefined {
    return this.live.get(visitorId)?.prediction;
  }

  /** `startProactiveChat` from page code: an invitation now, with the page's message. */
  async request(session: VisitorSession, message: string | undefined, showPrechat: boolean): Promise<void> {
    const widget = (await this.store.getWidget(session.widget.id)) ?? session.widget;
    if (!widget.proactiveEnabled) fail('PROACTIVE_DISABLED', 'Proactive chat is off for this widget.');
    if (await this.busy(session.visitorId)) {
      fail('INVITATION_SUPPRESSED', 'Not shown: a chat is open or an invitation is already showing.');
    }
    if (!session.tracking) fail('INVITATION_SUPPRESSED', 'Not shown: the visitor has not given consent.');
    const closed = hoursVeto(widget, this.clock.now());
    if (closed) fail('INVITATION_SUPPRESSED', `Not shown: ${closed.reason}`);
    const text = message ?? defaultPageMessage;
    await this.invitations.invite(session, { ruleId: '', ruleName: '', message: text, showPrechat }, 'page');
  }

  /** When the latest connection of this visitor on this node will check the rules again, if armed. */
  pendingCheck(visitorId: string): number | undefined {
    const session = this.live.get(visitorId);
    return session && this.deadlines.dueAt(checkKey(session));
  }

  forget(session: VisitorSession): void {
    this.deadlines.cancel(checkKey(session));
    if (this.live.get(session.visitorId) === session) this.live.delete(session.visitorId);
  }

  /** This node's latest connection of the visitor, if connected here. */
  liveSession(visitorId: string): VisitorSession | undefined {
    return this.live.get(visitorId);
  }

  /** The widget's published rules, as live visitors run them. */
  publishedRules(widgetId: string): Promise<Rule[]> {
    return this.rules(widgetId);
  }

  /** Published rules; with a preview, that draft too (as if published), for that connection only. */
  private async rules(widgetId: string, previewRuleId?: string): Promise<Rule[]> {
    return this.ruleVersions.stable(liveRules(await this.store.listRules(widgetId), previewRuleId));
  }

  /** `hello.preview`: a valid token makes this connection preview its draft rule; false when invalid. */
  async startPreview(session: VisitorSession, token: string): Promise<boolean> {
    const ruleId = await resolveRulePreview(this.store, session.widget.id, token, this.clock.now());
    session.previewRuleId = ruleId;
    return ruleId !== undefined;
  }

  private countEvaluated(widgetId: string, decision: Decision, now: number): void {
    const evaluated: string[] = [];
    for (const entry of decision.evaluation.trace)
      if (entry.outcome !== 'disabled') evaluated.push(entry.ruleId);
    this.evaluations.count(widgetId, evaluated, now);
    this.metrics.ruleEvaluations(evaluated.length);
  }

  /**
   * Capacity changed for the widget: its live visitors on this node whose rules read capacity, or all of them
   * when the widget invites only when someone can answer, are evaluated again (each visitor once, through their
   * latest tab). A visitor in a chat or shown an invitation stops at the busy gate, as on any evaluation.
   */
  async recheckCapacity(widgetId: string): Promise<void> {
    for (const session of [...this.live.values()]) {
      if (session.widget.id !== widgetId || !session.tracking) continue;
      if (session.widget.inviteOnlyWhenAnswerable) await this.evaluate(session);
      else await this.evaluateIfUsed(session, ...capacityConditions);
    }
  }

  /**
   * For the "invite only when someone can answer" gate: the target queues of the enabled rules that have an
   * available agent with free capacity. Undefined when the widget does not ask for it. This node then listens
   * for the widget's capacity changes, so a vetoed visitor is evaluated again once someone can answer.
   */
  async answerableQueues(widget: WidgetRow, rules: readonly Rule[]): Promise<Set<string> | undefined> {
    if (!widget.inviteOnlyWhenAnswerable) return undefined;
    await this.events.emit('widgetCapacityUsed', widget.id);
    const answerable = new Set<string>();
    const queues = new Set(rules.filter((rule) => rule.enabled).map((rule) => targetQueue(widget, rule)));
    for (const queueId of queues) {
      if ((await capacityFacts(this.store, queueId)).agentAvailable) answerable.add(queueId);
    }
    return answerable;
  }

  /** The session's facts, plus those read from the store when some rule uses them. */
  async factsFor(session: VisitorSession, rules: readonly Rule[]): Promise<VisitorFacts> {
    const facts = factsOf(session);
    if (rulesUse(rules, 'timeSinceLastChat')) {
      const last = await this.store.findLastConversation(session.visitorId);
      if (last) facts.lastChatAt = last.endedAt ?? last.createdAt;
    }
    if (rulesUse(rules, ...capacityConditions)) {
      await this.events.emit('widgetCapacityUsed', session.widget.id);
      facts.capacity = await capacityFacts(this.store, session.widget.queueId);
    }
    return facts;
  }

  /** A chat is open or an invitation is showing: no rule invites. */
  async busy(visitorId: string): Promise<boolean> {
    return (
      (await this.store.findOpenConversation(visitorId)) !== undefined ||
      (await this.store.findShownInvitation(visitorId)) !== undefined
    );
  }
}
