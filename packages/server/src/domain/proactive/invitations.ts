import { type InvitationView, limits } from '@beckon/protocol';
import { type Firing, resolveMessage } from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { InvitationRow, Store, WidgetRow } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';
import type { ConversationsService } from '../conversations/conversations-service.ts';
import { acceptLabel, invitationAuthor } from '../conversations/invitation-author.ts';
import type { DomainEvents } from '../domain-events.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { factsOf, type VisitorSession } from '../visitors/visitor-session.ts';

export const expiryKey = (invitationId: string) => `invitation:${invitationId}`;

export function invitationView(
  row: InvitationRow,
  widget: WidgetRow,
  language: string,
  /** The inviting agent's name, for an agent's invitation. */
  agentName?: string,
): InvitationView {
  const label = acceptLabel(widget, language);
  return {
    ...(label && { acceptLabel: label }),
    id: row.id,
    message: row.message,
    expiresAt: row.expiresAt,
    source: row.source,
    showPrechat: row.showPrechat,
    author: invitationAuthor(widget, agentName),
  };
}

/**
 * An invitation's life: shown (one at a time per visitor, across tabs and nodes), then accepted (a chat starts),
 * dismissed, or expired by the server's 60-second deadline; a holdout's is recorded but never shown.
 */
export class InvitationLifecycle {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly fanout: Fanout,
    private readonly deadlines: Deadlines,
    private readonly conversations: ConversationsService,
    /** Tells webhooks of every shown and closed invitation. */
    private readonly events: DomainEvents,
    /** Told when an invitation closes (the acceptance model learns from it). */
    private readonly onClosed: (
      invitationId: string,
      status: 'accepted' | 'dismissed' | 'expired',
    ) => void = () => {},
  ) {}

  /**
   * Shows the invitation to the visitor, unless another tab (maybe on another node) showed one first; gives its
   * id when shown.
   */
  async invite(
    session: VisitorSession,
    firing: Firing,
    source: 'rule' | 'page',
    variant?: string,
    /** The rule used the acceptance model to fire (Decision.smart). */
    smart?: boolean,
  ): Promise<string | undefined> {
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
    if (smart) invitation.smart = true;
    // Another tab of the visitor (maybe on another node) showed one first: the store allows one at a time.
    if (!(await this.store.createInvitation(invitation))) return undefined;
    this.watch(invitation);
    await this.fanout.toVisitor(session.visitorId, {
      type: 'invitation.show',
      invitation: invitationView(invitation, session.widget, session.language),
      serverTime: now,
    });
    await this.announceShown(invitation);
    return invitation.id;
  }

  /** Tells webhooks an invitation is showing (an agent's invitations are shown by AgentInvitations). */
  announceShown(invitation: InvitationRow): Promise<void> {
    return this.events.emit('invitationChanged', { invitation, status: 'shown', at: invitation.createdAt });
  }

  /**
   * A holdout visitor: the invitation the rule would have made is recorded, closed at once as `held`, and
   * never sent. It counts for the rule's caps like a real one, so the holdout is not re-drawn every event.
   */
  async recordHeld(session: VisitorSession, firing: Firing, smart?: boolean): Promise<void> {
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
      ...(smart && { smart }),
    });
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
    this.onClosed(invitationId, 'accepted');
    await this.fanout.toVisitor(session.visitorId, {
      type: 'invitation.closed',
      invitationId,
      reason: 'accepted',
    });
    await this.events.emit('invitationChanged', { invitation, status: 'accepted', at: this.clock.now() });
    const inviter = invitation.agentId ? await this.store.getUser(invitation.agentId) : undefined;
    await this.conversations.start(session, { invitation, prechat, inviterName: inviter?.name });
  }

  async dismiss(session: VisitorSession, invitationId: string): Promise<void> {
    const invitation = await this.shownInvitation(session, invitationId);
    if (!(await this.store.closeInvitation(invitationId, 'dismissed', this.clock.now()))) {
      return this.failClosed(invitationId);
    }
    this.deadlines.cancel(expiryKey(invitationId));
    this.onClosed(invitationId, 'dismissed');
    await this.fanout.toVisitor(session.visitorId, {
      type: 'invitation.closed',
      invitationId,
      reason: 'dismissed',
    });
    await this.events.emit('invitationChanged', { invitation, status: 'dismissed', at: this.clock.now() });
  }

  /** The deadline: only the call whose conditional write wins tells the visitor. */
  async expire(invitationId: string): Promise<void> {
    const invitation = await this.store.getInvitation(invitationId);
    if (!invitation || !(await this.store.closeInvitation(invitationId, 'expired', this.clock.now()))) return;
    this.deadlines.cancel(expiryKey(invitationId));
    this.onClosed(invitationId, 'expired');
    await this.fanout.toVisitor(invitation.visitorId, {
      type: 'invitation.closed',
      invitationId,
      reason: 'expired',
    });
    await this.events.emit('invitationChanged', { invitation, status: 'expired', at: this.clock.now() });
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
