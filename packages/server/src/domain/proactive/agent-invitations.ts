import { limits } from '@beckon/protocol';
import { renderMessage } from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { InvitationRow, Store, UserRow } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { liveVisitorFacts } from '../visitors/live-visitor-view.ts';
import type { LiveVisitors } from '../visitors/live-visitors.ts';
import { hoursVeto } from './hours-gate.ts';
import { expiryKey, type InvitationLifecycle, invitationView } from './invitations.ts';

/**
 * An agent invites a visitor on the site now, from the Visitors list or the API, with a message written on the
 * spot. The visitor sees the same invitation as a rule's (60-second deadline, accept or close), in the agent's
 * name. The gates that protect the visitor apply — consent mode, operating hours, never during a chat or over
 * another invitation — but not rule caps or the fatigue budget: a person decided. Works from any node: the live
 * list says where the visitor is, the store decides once, and the bus carries the invitation to the visitor.
 */
export class AgentInvitations {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly fanout: Fanout,
    private readonly deadlines: Deadlines,
    private readonly live: Pick<LiveVisitors, 'get'>,
    private readonly lifecycle: Pick<InvitationLifecycle, 'watch' | 'announceShown'>,
  ) {}

  async invite(agent: UserRow, visitorId: string, text: string): Promise<InvitationRow> {
    if (!text.trim()) fail('VALIDATION_FAILED', 'The invitation needs a message.');
    const visitor = this.live.get(visitorId);
    if (!visitor) fail('VISITOR_NOT_CONNECTED', 'This visitor is not on the site now.');
    const message = renderMessage(text.trim(), { ...liveVisitorFacts(visitor), agentName: agent.name }).slice(
      0,
      limits.agentInvitationMaxLength,
    );
    const widget = await this.store.getWidget(visitor.widgetId);
    if (!widget?.enabled) fail('VISITOR_NOT_CONNECTED', 'This visitor is not on the site now.');
    if (visitor.consent === 'pending') {
      fail('VISITOR_NO_CONSENT', 'The visitor has not given consent: no invitation can be shown.');
    }
    const now = this.clock.now();
    const closed = hoursVeto(widget, now);
    if (closed) fail('VISITOR_OUTSIDE_HOURS', `Not invited: ${closed.reason}`);
    if (await this.store.findOpenConversation(visitorId)) {
      fail('VISITOR_BUSY', 'Not invited: the visitor is in a chat.');
    }
    const invitation: InvitationRow = {
      id: this.ids.next('inv'),
      widgetId: widget.id,
      visitorId,
      source: 'agent',
      agentId: agent.id,
      message,
      showPrechat: false,
      status: 'shown',
      createdAt: now,
      expiresAt: now + limits.invitationLifetimeMs,
    };
    // One shown invitation per visitor, decided by the store across nodes.
    if (!(await this.store.createInvitation(invitation))) {
      fail('VISITOR_BUSY', 'Not invited: an invitation is already showing to this visitor.');
    }
    this.lifecycle.watch(invitation);
    await this.fanout.toVisitor(visitorId, {
      type: 'invitation.show',
      invitation: invitationView(invitation, widget, visitor.language, agent.name),
      serverTime: now,
    });
    await this.lifecycle.announceShown(invitation);
    return invitation;
  }

  /** The inviting agent takes the invitation back while it shows: it disappears from the visitor. */
  async withdraw(agent: UserRow, invitationId: string): Promise<void> {
    const invitation = await this.store.getInvitation(invitationId);
    if (invitation?.source !== 'agent' || invitation.agentId !== agent.id) {
      fail('INVITATION_NOT_FOUND', `No invitation ${invitationId} of yours.`);
    }
    if (!(await this.store.closeInvitation(invitationId, 'withdrawn', this.clock.now()))) {
      const current = await this.store.getInvitation(invitationId);
      if (current?.status === 'expired')
        fail('INVITATION_EXPIRED', 'The invitation expired after 60 seconds.');
      fail('INVITATION_CLOSED', 'The invitation was already accepted, closed or withdrawn.');
    }
    this.deadlines.cancel(expiryKey(invitationId));
    await this.fanout.toVisitor(invitation.visitorId, {
      type: 'invitation.closed',
      invitationId,
      reason: 'withdrawn',
    });
  }
}
