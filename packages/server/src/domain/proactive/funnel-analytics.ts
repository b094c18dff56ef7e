import { type Funnel, funnelQuerySchema } from '@beckon/protocol';
import type { ConversationRow, Store } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import { parseOrFail } from '../validation.ts';
import { type EvaluationCounter, utcDay } from './evaluation-counter.ts';
import { type CsatScores, chatWindowMs, computeFunnel } from './funnel.ts';
import { objectiveEvents, objectiveOf, objectiveWindowMs } from './objectives.ts';
import { sumSmartSplits } from './smart-split.ts';

/** Funnel analytics of a widget's rules: evaluated → shown → accepted → chatted, with the chats' survey CSAT. */
export class FunnelAnalytics {
  constructor(
    private readonly store: Store,
    /** Evaluation counts kept in memory, flushed first so the funnel includes them. */
    private readonly evaluations: Pick<EvaluationCounter, 'flush'>,
  ) {}

  /** Funnel analytics of the widget's rules over [from, to) (docs/rules.md, Funnel analytics). */
  async funnel(widgetId: string, query: unknown): Promise<Funnel> {
    const { from, to } = parseOrFail(funnelQuerySchema, query);
    (await this.store.getWidget(widgetId)) ?? fail('NOT_FOUND', `No widget ${widgetId}.`);
    await this.evaluations.flush();
    // Invitations before `rolled` were counted into whole UTC days (the conversations retention purges them):
    // those days are read from the roll-up, the rest from the invitations.
    const rolled = await this.store.funnelRolledThrough();
    const detailFrom = Math.max(from, rolled);
    const [rules, invitations, conversations, evaluations, days] = await Promise.all([
      this.store.listRules(widgetId),
      detailFrom < to ? this.store.listWidgetInvitations(widgetId, detailFrom, to) : [],
      this.store.listWidgetConversations(widgetId, from, to + chatWindowMs),
      this.store.listRuleEvaluations(widgetId, utcDay(from), utcDay(to - 1)),
      from < rolled
        ? this.store.listFunnelDays(widgetId, utcDay(from), utcDay(Math.min(to, rolled) - 1))
        : [],
    ]);
    // The conversions of the rules whose objective is an event, up to the longest window after the period.
    const names = objectiveEvents(rules);
    const reach = Math.max(0, ...rules.map((rule) => objectiveWindowMs(objectiveOf(rule))));
    const events =
      names.length > 0 ? await this.store.listWidgetEvents(widgetId, names, from, to + reach) : [];
    const funnel = computeFunnel({
      rules,
      invitations,
      conversations,
      events,
      evaluations,
      days,
      csat: await this.csat(conversations),
    });
    return { from, to, rules: funnel, smartSplit: sumSmartSplits(funnel.map((rule) => rule.smartSplit)) };
  }

  /** Post-chat survey ratings of the conversations that came from invitations (the funnel's CSAT). */
  private async csat(conversations: readonly ConversationRow[]): Promise<CsatScores> {
    const ids = conversations.filter((conversation) => conversation.invitationId).map(({ id }) => id);
    const surveys = await this.store.listChatSurveys(ids);
    return new Map(surveys.map((survey) => [survey.conversationId, survey.rating]));
  }
}
