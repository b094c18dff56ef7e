import {
  type ExplainJourney,
  type Explanation,
  explainJourneySchema,
  type Funnel,
  funnelQuerySchema,
  type InvitationView,
  type LeafCondition,
  limits,
  type Rule,
} from '@beckon/protocol';
import { type Firing, IncrementalEvaluator, resolveMessage, type VisitorFacts } from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { ConversationRow, InvitationRow, Store } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';
import type { ConversationsService } from '../conversations/conversations-service.ts';
import type { DomainEvents } from '../domain-events.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { capacityFacts } from '../routing/capacity-facts.ts';
import { parseOrFail } from '../validation.ts';
import { factsOf, type VisitorSession } from '../visitors/visitor-session.ts';
import { type Decision, decide, historySince } from './decide.ts';
import { EvaluationCounter, utcDay } from './evaluation-counter.ts';
import { explanationOf, journeyFacts } from './explain.ts';
import { type CsatScores, chatWindowMs, computeFunnel } from './funnel.ts';
import { hoursVeto } from './hours-gate.ts';
import { rulesUse } from './rule-needs.ts';
import { resolveRulePreview } from './rule-preview.ts';
import { RuleVersions } from './rule-versions.ts';

const checkKey = (session: VisitorSession) => `visitor-check:${session.connectionId}`;
const expiryKey = (invitationId: string) => `invitation:${invitationId}`;
const capacityConditions: LeafCondition['type'][] = ['agentAvailable', 'predictedWait'];
const defaultPageMessage = "Hi! Have any questions? I'm here to help.";

export function invitationView(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    message: row.message,
    expiresAt: row.expiresAt,
    source: row.source,
    showPrechat: row.showPrechat,
  };
}

/**
 * Decides when to invite (ARCHITECTURE.md §2, steps 3–5). Each visitor has at most one pending rule check on the
 * clock; any new fact re-evaluates and re-arms it. The invitation's 60-second deadline is the server's.
 */
export class ProactiveService {
  /** Visitors connected to this node, by id (the latest tab), for the explain API. */
  private readonly live = new Map<string, VisitorSession>();
  private readonly ruleVersions = new RuleVersions();
  /** "Evaluated" counts per rule and day for funnel analytics, flushed to the store in batches. */
  readonly evaluations: EvaluationCounter;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly fanout: Fanout,
    private readonly deadlines: Deadlines,
    private readonly conversations: ConversationsService,
    /** Tells CapacityWatch that a live rule of a widget reads capacity. */
    private readonly events: DomainEvents,
  ) {
    this.evaluations = new EvaluationCounter(store, deadlines);
  }

  /** Re-evaluates the widget's rules for this visitor; invites, or arms the next check (rules or gates). */
  async evaluate(session: VisitorSession): Promise<void> {
    this.deadlines.cancel(checkKey(session));
    this.live.set(session.visitorId, session);
    const widget = (await this.store.getWidget(session.widget.id)) ?? session.widget;
    session.widget = widget;
    if (!session.tracking) return;
    if (!widget.enabled || !widget.proactiveEnabled || (await this.busy(session.visitorId))) return;
    const preview = session.previewRuleId !== undefined;
    const rules = await this.rules(widget.id, session.previewRuleId);
    const now = this.clock.now();
    const facts = await this.factsFor(session, rules);
    const history = await this.store.listInvitations(
      session.visitorId,
      historySince(widget, rules, facts, now),
    );
    session.engine ??= new IncrementalEvaluator();
    const decision = decide({
      widget,
      rules,
      facts,
      now,
      busy: false,
      history,
      // A preview shows the rule's own message: no A/B draw, no holdout.
      visitorId: preview ? undefined : session.visitorId,
      engine: session.engine,
    });
    if (!preview) this.countEvaluated(widget.id, decision, now);
    if (decision.evaluation.fire && decision.assignment?.kind === 'holdout') {
      await this.recordHeld(session, decision.evaluation.fire);
    } else if (decision.evaluation.fire) {
      const side = decision.assignment?.kind === 'variant' ? decision.assignment.variantId : undefined;
      await this.invite(session, decision.evaluation.fire, 'rule', preview ? 'preview' : side);
    } else if (decision.nextCheckAt !== undefined) {
      this.deadlines.arm(checkKey(session), decision.nextCheckAt, () => this.evaluate(session));
    }
  }

  /**
   * Re-evaluates only if a live rule looks at one of these condition types: browser signals and custom
   * events arrive often, and most widgets' rules ignore them.
   */
  async evaluateIfUsed(session: VisitorSession, ...types: LeafCondition['type'][]): Promise<void> {
    const rules = await this.rules(session.widget.id, session.previewRuleId);
    if (rulesUse(rules, ...types)) await this.evaluate(session);
  }

  /** Why each rule of the widget does or does not invite this connected visitor, now. */
  async explainLive(widgetId: string, visitorId: string): Promise<Explanation> {
    const session = this.live.get(visitorId);
    if (!session || session.widget.id !== widgetId) {
      fail('NOT_FOUND', `Visitor ${visitorId} is not connected to this node on widget ${widgetId}.`);
    }
    const widget = (await this.store.getWidget(widgetId)) ?? fail('NOT_FOUND', `No widget ${widgetId}.`);
    const rules = await this.rules(widgetId);
    const now = this.clock.now();
    const facts = await this.factsFor(session, rules);
    const history = await this.store.listInvitations(visitorId, historySince(widget, rules, facts, now));
    const busy = await this.busy(visitorId);
    const decision = decide({ widget, rules, facts, now, busy, history, visitorId });
    return explanationOf(decision, rules, facts, now);
  }

  /** The same for a typed journey: a visitor with no chat, no invitation and no history. */
  async explainJourney(widgetId: string, input: ExplainJourney): Promise<Explanation> {
    const journey = parseOrFail(explainJourneySchema, input);
    const widget = (await this.store.getWidget(widgetId)) ?? fail('NOT_FOUND', `No widget ${widgetId}.`);
    const rules = await this.rules(widgetId);
    const now = journey.now ?? this.clock.now();
    const facts = { ...journeyFacts(journey, now), operatingHours: widget.operatingHours ?? undefined };
    return explanationOf(decide({ widget, rules, facts, now, busy: false, history: [] }), rules, facts, now);
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
    await this.invite(session, { ruleId: '', ruleName: '', message: text, showPrechat }, 'page');
  }

  async accept(
    session: VisitorSession,
    invitationId: string,
    prechat?: Record<string, string>,
  ): Promise<void> {
    const invitation = await this.shownInvitation(session, invitationId);
    if (!(await this.store.closeInvitation(invitationId, 'accepted', this.clock.now()))) {
      return this.failClosed(invitationId);
    }
    this.deadlines.cancel(expiryKey(invitationId));
    await this.fanout.toVisitor(session.visitorId, {
      type: 'invitation.closed',
      invitationId,
      reason: 'accepted',
    });
    await this.conversations.start(session, { invitation, prechat });
  }

  async dismiss(session: VisitorSession, invitationId: string): Promise<void> {
    await this.shownInvitation(session, invitationId);
    if (!(await this.store.closeInvitation(invitationId, 'dismissed', this.clock.now()))) {
      return this.failClosed(invitationId);
    }
    this.deadlines.cancel(expiryKey(invitationId));
    await this.fanout.toVisitor(session.visitorId, {
      type: 'invitation.closed',
      invitationId,
      reason: 'dismissed',
    });
  }

  /** The deadline: only the call whose conditional write wins tells the visitor. */
  async expire(invitationId: string): Promise<void> {
    const invitation = await this.store.getInvitation(invitationId);
    if (!invitation || !(await this.store.closeInvitation(invitationId, 'expired', this.clock.now()))) return;
    this.deadlines.cancel(expiryKey(invitationId));
    await this.fanout.toVisitor(invitation.visitorId, {
      type: 'invitation.closed',
      invitationId,
      reason: 'expired',
    });
  }

  /** Expires invitations whose deadline passed while no node was watching them. */
  async recover(): Promise<void> {
    for (const invitation of await this.store.listOverdueInvitations(this.clock.now())) {
      await this.expire(invitation.id);
    }
  }

  /** Re-arms the expiry of an invitation this node learns about (reconnect to another node). */
  watch(invitation: InvitationRow): void {
    this.deadlines.arm(expiryKey(invitation.id), invitation.expiresAt, () => this.expire(invitation.id));
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

  /** Published rules; with a preview, that draft too (as if published), for that connection only. */
  private async rules(widgetId: string, previewRuleId?: string): Promise<Rule[]> {
    // Drafts never run for live visitors (a preview link shows one to its admin only).
    const live = (await this.store.listRules(widgetId)).filter(
      (rule) => rule.status !== 'draft' || rule.id === previewRuleId,
    );
    return this.ruleVersions.stable(live);
  }

  /** `hello.preview`: a valid token makes this connection preview its draft rule; false when invalid. */
  async startPreview(session: VisitorSession, token: string): Promise<boolean> {
    const ruleId = await resolveRulePreview(this.store, session.widget.id, token, this.clock.now());
    session.previewRuleId = ruleId;
    return ruleId !== undefined;
  }

  /** Funnel analytics of the widget's rules over [from, to) (docs/rules.md, Funnel analytics). */
  async funnel(widgetId: string, query: unknown): Promise<Funnel> {
    const { from, to } = parseOrFail(funnelQuerySchema, query);
    (await this.store.getWidget(widgetId)) ?? fail('NOT_FOUND', `No widget ${widgetId}.`);
    await this.evaluations.flush();
    const [rules, invitations, conversations, evaluations] = await Promise.all([
      this.store.listRules(widgetId),
      this.store.listWidgetInvitations(widgetId, from, to),
      this.store.listWidgetConversations(widgetId, from, to + chatWindowMs),
      this.store.listRuleEvaluations(widgetId, utcDay(from), utcDay(to - 1)),
    ]);
    return {
      from,
      to,
      rules: computeFunnel({
        rules,
        invitations,
        conversations,
        evaluations,
        csat: await this.csat(conversations),
      }),
    };
  }

  /** Post-chat survey ratings of the conversations that came from invitations (the funnel's CSAT). */
  private async csat(conversations: readonly ConversationRow[]): Promise<CsatScores> {
    const ids = conversations.filter((conversation) => conversation.invitationId).map(({ id }) => id);
    const surveys = await this.store.listChatSurveys(ids);
    return new Map(surveys.map((survey) => [survey.conversationId, survey.rating]));
  }

  private countEvaluated(widgetId: string, decision: Decision, now: number): void {
    const evaluated: string[] = [];
    for (const entry of decision.evaluation.trace)
      if (entry.outcome !== 'disabled') evaluated.push(entry.ruleId);
    this.evaluations.count(widgetId, evaluated, now);
  }

  /** The session's facts, plus those read from the store when some rule uses them. */
  /**
   * Capacity changed for the widget: its live visitors on this node whose rules read capacity are evaluated
   * again (each visitor once, through their latest tab). A visitor in a chat or shown an invitation stops at
   * the busy gate, as on any evaluation.
   */
  async recheckCapacity(widgetId: string): Promise<void> {
    for (const session of [...this.live.values()]) {
      if (session.widget.id !== widgetId || !session.tracking) continue;
      await this.evaluateIfUsed(session, ...capacityConditions);
    }
  }

  private async factsFor(session: VisitorSession, rules: readonly Rule[]): Promise<VisitorFacts> {
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

  private async busy(visitorId: string): Promise<boolean> {
    return (
      (await this.store.findOpenConversation(visitorId)) !== undefined ||
      (await this.store.findShownInvitation(visitorId)) !== undefined
    );
  }

  /**
   * A holdout visitor: the invitation the rule would have made is recorded, closed at once as `held`, and
   * never sent. It counts for the rule's caps like a real one, so the holdout is not re-drawn every event.
   */
  private async recordHeld(session: VisitorSession, firing: Firing): Promise<void> {
    const now = this.clock.now();
    await this.store.createInvitation({
      id: this.ids.next('inv'),
      widgetId: session.widget.id,
      visitorId: session.visitorId,
      ruleId: firing.ruleId,
      ruleName: firing.ruleName,
      source: 'rule',
      message: firing.message,
      showPrechat: firing.showPrechat,
      status: 'held',
      createdAt: now,
      expiresAt: now,
      closedAt: now,
      variant: 'holdout',
    });
  }

  private async invite(
    session: VisitorSession,
    firing: Firing,
    source: 'rule' | 'page',
    variant?: string,
  ): Promise<void> {
    const now = this.clock.now();
    const invitation: InvitationRow = {
      id: this.ids.next('inv'),
      widgetId: session.widget.id,
      visitorId: session.visitorId,
      ruleId: firing.ruleId || undefined,
      ruleName: firing.ruleName || undefined,
      source,
      message:
        source === 'page' ? resolveMessage({ text: firing.message }, factsOf(session)) : firing.message,
      showPrechat: firing.showPrechat,
      status: 'shown',
      createdAt: now,
      expiresAt: now + limits.invitationLifetimeMs,
    };
    if (variant !== undefined) invitation.variant = variant;
    // Another tab of the visitor (maybe on another node) showed one first: the store allows one at a time.
    if (!(await this.store.createInvitation(invitation))) return;
    this.watch(invitation);
    await this.fanout.toVisitor(session.visitorId, {
      type: 'invitation.show',
      invitation: invitationView(invitation),
      serverTime: now,
    });
  }

  private async shownInvitation(session: VisitorSession, invitationId: string): Promise<InvitationRow> {
    const invitation = await this.store.getInvitation(invitationId);
    if (!invitation || invitation.visitorId !== session.visitorId) {
      fail('INVITATION_NOT_FOUND', `No invitation ${invitationId} for this visitor.`);
    }
    if (invitation.status === 'shown' && invitation.expiresAt <= this.clock.now())
      await this.expire(invitationId);
    if (invitation.status !== 'shown' || invitation.expiresAt <= this.clock.now()) {
      return this.failClosed(invitationId);
    }
    return invitation;
  }

  private async failClosed(invitationId: string): Promise<never> {
    const current = await this.store.getInvitation(invitationId);
    if (current?.status === 'expired') fail('INVITATION_EXPIRED', 'The invitation expired after 60 seconds.');
    return fail('INVITATION_CLOSED', 'The invitation was already accepted or dismissed.');
  }
}
