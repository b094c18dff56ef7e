import {
  type ExplainJourney,
  type Explanation,
  explainJourneySchema,
  type PredictionView,
  type Rule,
} from '@beckon/protocol';
import type { Contribution, Prediction, VisitorFacts } from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { Store, WidgetRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import { parseOrFail } from '../validation.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';
import type { AcceptanceLearner } from './acceptance-learner.ts';
import { decide, historySince } from './decide.ts';
import { explanationOf, journeyFacts } from './explain.ts';
import type { ProactiveService } from './proactive-service.ts';

/** What explanations read from the evaluation: this node's live visitors and the facts it would decide on. */
export interface EvaluationView {
  liveSession(visitorId: string): VisitorSession | undefined;
  publishedRules(widgetId: string): Promise<Rule[]>;
  factsFor(session: VisitorSession, rules: readonly Rule[]): Promise<VisitorFacts>;
  busy(visitorId: string): Promise<boolean>;
  answerableQueues(widget: WidgetRow, rules: readonly Rule[]): Promise<Set<string> | undefined>;
  smartInputs: ProactiveService['smartInputs'];
  readonly learner: Pick<AcceptanceLearner, 'model'>;
}

/** A ready prediction as explanations show it: percent to 0.1, pushes to 0.001 (the Visitors list too). */
export function predictionPushes(prediction: Prediction): Pick<PredictionView, 'up' | 'down'> & {
  percent: number;
} {
  const round = (push: Contribution) => ({
    feature: push.feature,
    weight: Math.round(push.weight * 1000) / 1000,
  });
  return {
    percent: Math.round(prediction.probability * 1000) / 10,
    up: prediction.up.map(round),
    down: prediction.down.map(round),
  };
}

/** What the explanation says about the widget's model for this visitor. */
function predictionView(
  widget: WidgetRow,
  outcomes: number,
  prediction: Prediction | undefined,
): PredictionView {
  if (!widget.smartInvitations) return { state: 'off', outcomes, up: [], down: [] };
  if (!prediction) return { state: 'not-ready', outcomes, up: [], down: [] };
  return { state: 'ready', outcomes, ...predictionPushes(prediction) };
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
    const smart = await this.evaluation.smartInputs(widget, rules, facts, now, session.bestMoment, true);
    const decision = decide({
      widget,
      rules,
      facts,
      now,
      busy,
      history,
      visitorId,
      answerable,
      smartOff: !widget.smartInvitations,
      moment: smart.moment,
    });
    return explanationOf(decision, rules, facts, now, this.predictionOf(widget, smart.prediction));
  }

  private predictionOf(widget: WidgetRow, prediction: Prediction | undefined): PredictionView {
    return predictionView(widget, this.evaluation.learner.model(widget.id)?.outcomes ?? 0, prediction);
  }

  /** The same for a typed journey: a visitor with no chat, no invitation and no history; capacity not checked. */
  async explainJourney(widgetId: string, input: ExplainJourney): Promise<Explanation> {
    const journey = parseOrFail(explainJourneySchema, input);
    const widget = (await this.store.getWidget(widgetId)) ?? fail('NOT_FOUND', `No widget ${widgetId}.`);
    const rules = await this.evaluation.publishedRules(widgetId);
    const now = journey.now ?? this.clock.now();
    const facts = { ...journeyFacts(journey, now), operatingHours: widget.operatingHours ?? undefined };
    const smart = await this.evaluation.smartInputs(widget, rules, facts, now, undefined, true);
    const decision = decide({
      widget,
      rules,
      facts,
      now,
      busy: false,
      history: [],
      smartOff: !widget.smartInvitations,
      moment: smart.moment,
    });
    return explanationOf(decision, rules, facts, now, this.predictionOf(widget, smart.prediction));
  }
}
