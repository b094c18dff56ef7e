import { type ExplainJourney, type Explanation, explainJourneySchema, type Rule } from '@beckon/protocol';
import type { VisitorFacts } from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { Store, WidgetRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import { parseOrFail } from '../validation.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';
import { decide, historySince } from './decide.ts';
import { explanationOf, journeyFacts } from './explain.ts';

/** What explanations read from the evaluation: this node's live visitors and the facts it would decide on. */
export interface EvaluationView {
  liveSession(visitorId: string): VisitorSession | undefined;
  publishedRules(widgetId: string): Promise<Rule[]>;
  factsFor(session: VisitorSession, rules: readonly Rule[]): Promise<VisitorFacts>;
  busy(visitorId: string): Promise<boolean>;
  answerableQueues(widget: WidgetRow, rules: readonly Rule[]): Promise<Set<string> | undefined>;
}

/** Why each rule of a widget does or does not invite: for a connected visitor now, or for a typed journey. */
export class RuleExplanations {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly evaluation: EvaluationView,
  ) {}

  /** Why each rule of the widget does or does not invite this connected visitor, now. */
  async explainLive(widgetId: string, visitorId: string): Promise<Explanation> {
    const session = this.evaluation.liveSession(visitorId);
    if (!session || session.widget.id !== widgetId) {
      fail('NOT_FOUND', `Visitor ${visitorId} is not connected to this node on widget ${widgetId}.`);
    }
    const widget = (await this.store.getWidget(widgetId)) ?? fail('NOT_FOUND', `No widget ${widgetId}.`);
    const rules = await this.evaluation.publishedRules(widgetId);
    const now = this.clock.now();
    const facts = await this.evaluation.factsFor(session, rules);
    const history = await this.store.listInvitations(visitorId, historySince(widget, rules, facts, now));
    const busy = await this.evaluation.busy(visitorId);
    const answerable = await this.evaluation.answerableQueues(widget, rules);
    const decision = decide({ widget, rules, facts, now, busy, history, visitorId, answerable });
    return explanationOf(decision, rules, facts, now);
  }

  /** The same for a typed journey: a visitor with no chat, no invitation and no history; capacity not checked. */
  async explainJourney(widgetId: string, input: ExplainJourney): Promise<Explanation> {
    const journey = parseOrFail(explainJourneySchema, input);
    const widget = (await this.store.getWidget(widgetId)) ?? fail('NOT_FOUND', `No widget ${widgetId}.`);
    const rules = await this.evaluation.publishedRules(widgetId);
    const now = journey.now ?? this.clock.now();
    const facts = { ...journeyFacts(journey, now), operatingHours: widget.operatingHours ?? undefined };
    return explanationOf(decide({ widget, rules, facts, now, busy: false, history: [] }), rules, facts, now);
  }
}
