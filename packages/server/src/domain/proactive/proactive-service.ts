import {
  type ExplainJourney,
  type Explanation,
  explainJourneySchema,
  type InvitationView,
  limits,
  type Rule,
} from '@beckon/protocol';
import { type Firing, resolveMessage } from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { InvitationRow, Store } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';
import type { ConversationsService } from '../conversations/conversations-service.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { parseOrFail } from '../validation.ts';
import { factsOf, type VisitorSession } from '../visitors/visitor-session.ts';
import { decide, historySince } from './decide.ts';
import { explanationOf, journeyFacts } from './explain.ts';
import { RuleVersions } from './rule-versions.ts';

const checkKey = (session: VisitorSession) => `visitor-check:${session.connectionId}`;
const expiryKey = (invitationId: string) => `invitation:${invitationId}`;
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

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly fanout: Fanout,
    private readonly deadlines: Deadlines,
    private readonly conversations: ConversationsService,
  ) {}

  /** Re-evaluates the widget's rules for this visitor; invites, or arms the next check (rules or gates). */
  async evaluate(session: VisitorSession): Promise<void> {
    this.deadlines.cancel(checkKey(session));
    this.live.set(session.visitorId, session);
    const widget = (await this.store.getWidget(session.widget.id)) ?? session.widget;
    session.widget = widget;
    if (!widget.enabled || !widget.proactiveEnabled || (await this.busy(session.visitorId))) return;
    const rules = await this.rules(widget.id);
    const now = this.clock.now();
    const facts = factsOf(session);
    const history = await this.store.listInvitations(
      session.visitorId,
      historySince(widget, rules, facts, now),
    );
    const decision = decide({ widget, rules, facts, now, busy: false, history });
    if (decision.evaluation.fire) {
      await this.invite(session, decision.evaluation.fire, 'rule');
    } else if (decision.nextCheckAt !== undefined) {
      this.deadlines.arm(checkKey(session), decision.nextCheckAt, () => this.evaluate(session));
    }
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
    const facts = factsOf(session);
    const history = await this.store.listInvitations(visitorId, historySince(widget, rules, facts, now));
    const busy = await this.busy(visitorId);
    return explanationOf(decide({ widget, rules, facts, now, busy, history }), rules, facts, now);
  }

  /** The same for a typed journey: a visitor with no chat, no invitation and no history. */
  async explainJourney(widgetId: string, input: ExplainJourney): Promise<Explanation> {
    const journey = parseOrFail(explainJourneySchema, input);
    const widget = (await this.store.getWidget(widgetId)) ?? fail('NOT_FOUND', `No widget ${widgetId}.`);
    const rules = await this.rules(widgetId);
    const now = journey.now ?? this.clock.now();
    const facts = journeyFacts(journey, now);
    return explanationOf(decide({ widget, rules, facts, now, busy: false, history: [] }), rules, facts, now);
  }

  /** `startProactiveChat` from page code: an invitation now, with the page's message. */
  async request(session: VisitorSession, message: string | undefined, showPrechat: boolean): Promise<void> {
    const widget = (await this.store.getWidget(session.widget.id)) ?? session.widget;
    if (!widget.proactiveEnabled) fail('PROACTIVE_DISABLED', 'Proactive chat is off for this widget.');
    if (await this.busy(session.visitorId)) {
      fail('INVITATION_SUPPRESSED', 'Not shown: a chat is open or an invitation is already showing.');
    }
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

  private async rules(widgetId: string): Promise<Rule[]> {
    return this.ruleVersions.stable(await this.store.listRules(widgetId));
  }

  private async busy(visitorId: string): Promise<boolean> {
    return (
      (await this.store.findOpenConversation(visitorId)) !== undefined ||
      (await this.store.findShownInvitation(visitorId)) !== undefined
    );
  }

  private async invite(session: VisitorSession, firing: Firing, source: 'rule' | 'page'): Promise<void> {
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
    await this.store.createInvitation(invitation);
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
