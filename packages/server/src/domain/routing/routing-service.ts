// Over 300 lines: the routing cycle (offers, auto-assign, the inviter first, timeouts, presence) shares one lock.
import { type ChatMessage, limits, type Presence } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { ConversationRow, OfferRow, QueueRow, Store, UserRow } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';
import { conversationDetail, offerView } from '../conversations/conversation-views.ts';
import type { ConversationsService } from '../conversations/conversations-service.ts';
import type { DomainEvents } from '../domain-events.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { KeyedLock } from '../keyed-lock.ts';
import { pickAgents } from './pick-agent.ts';
import { QueuePositionsPublisher } from './queue-positions-publisher.ts';

/**
 * Default number of consecutive offer timeouts after which an agent is set Inactive: someone who is not at the
 * desk should not hold every visitor for a full offer deadline. Set with MISSED_OFFERS_BEFORE_INACTIVE (0 = off).
 */
export const missedOffersBeforeInactive = 3;

const offerKey = (offerId: string) => `offer:${offerId}`;

/**
 * Agents not to offer the conversation again: those offered it since it last started waiting. A transfer to a
 * queue starts a new round after the accepted offer, so agents who passed on it in the old queue may take it
 * in the new one; the agent who accepted (and transferred it) is still left out.
 */
export function offeredThisRound(offers: OfferRow[]): Set<string> {
  const lastAccepted = offers.findLast((offer) => offer.status === 'accepted');
  const round = lastAccepted
    ? offers.filter((offer) => offer === lastAccepted || offer.createdAt > lastAccepted.createdAt)
    : offers;
  return new Set(round.map((offer) => offer.agentId));
}

/**
 * Offers waiting conversations to one available agent at a time. An offer has a deadline; reject or timeout
 * offers the conversation to the next eligible agent. Acceptance is a conditional write, so one agent wins.
 */
export class RoutingService {
  private readonly lock = new KeyedLock();
  private readonly positions: QueuePositionsPublisher;
  /**
   * Offer timeouts in a row (counted per agent in the store, whichever node timed the offer out) after which the
   * agent is set Inactive; 0 turns it off. An accept, a reject or a presence change resets the count.
   */
  missedOffersBeforeInactive = missedOffersBeforeInactive;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly fanout: Fanout,
    private readonly deadlines: Deadlines,
    private readonly conversations: ConversationsService,
    private readonly events: DomainEvents,
    options: {
      missedOffersBeforeInactive?: number;
      /** A background publish of queue positions failed (reported, not thrown: nobody waits for it). */
      onError?: (key: string, error: unknown) => void;
    } = {},
  ) {
    this.positions = new QueuePositionsPublisher(
      store,
      fanout,
      clock,
      deadlines,
      options.onError ?? (() => {}),
    );
    if (options.missedOffersBeforeInactive !== undefined)
      this.missedOffersBeforeInactive = options.missedOffersBeforeInactive;
    events.on('conversationWaiting', (conversation) => this.waiting(conversation));
    events.on('conversationEnded', (conversation) => this.conversationEnded(conversation));
  }

  /** Offers the conversation to the best eligible agent, unless it has an offer pending or is not waiting. */
  dispatch(conversationId: string): Promise<void> {
    return this.lock.run(`conversation:${conversationId}`, async () => {
      // One read for the conversation, its offers and its queue.
      const state = await this.store.getRoutingState(conversationId);
      if (state?.conversation.status !== 'waiting') return;
      const { conversation, offers, queue, widgetOfferTimeoutSeconds } = state;
      if (offers.some((offer) => offer.status === 'pending')) return;
      if (offers.length === 0 && (await this.toInviter(conversation))) return;
      if (!queue) return;
      // The store refuses an agent another cycle (on this node or another) filled meanwhile: try the next.
      for (const agentId of await pickAgents(this.store, queue, offeredThisRound(offers))) {
        if (
          queue.autoAssign
            ? await this.autoAssign(conversation, agentId)
            : await this.offer(conversation, queue, agentId, widgetOfferTimeoutSeconds)
        ) {
          return;
        }
        if ((await this.store.getConversation(conversationId))?.status !== 'waiting') return;
      }
    });
  }

  /** Every waiting conversation of the queue, oldest first (FIFO), gets its chance at a free agent. */
  async dispatchQueue(queueId: string): Promise<void> {
    for (const conversation of await this.store.listWaitingConversations(queueId)) {
      await this.dispatch(conversation.id);
    }
  }

  /**
   * A chat an agent invited the visitor to goes to that agent at once when they are available with free capacity
   * (they asked for it: no offer); otherwise it waits in the queue like any other. False: not assigned.
   */
  private async toInviter(conversation: ConversationRow): Promise<boolean> {
    if (!conversation.invitationId) return false;
    const invitation = await this.store.getInvitation(conversation.invitationId);
    const agent = invitation?.agentId ? await this.store.getUser(invitation.agentId) : undefined;
    if (
      !agent ||
      (agent.status ?? 'active') !== 'active' ||
      (await this.store.getPresence(agent.id)) !== 'available'
    ) {
      return false;
    }
    if (!(await this.store.assignConversationWithinCapacity(conversation.id, agent.id, this.clock.now()))) {
      return false;
    }
    await this.joined(agent, (await this.store.getConversation(conversation.id))!);
    return true;
  }

  /** A conversation started waiting: offer it, and tell it (and anyone behind it) its position. */
  async waiting(conversation: ConversationRow): Promise<void> {
    await this.dispatch(conversation.id);
    // Not waited for: the publish under way for the queue may be long, and the chat does not depend on it.
    void this.positions.publish(conversation.queueId, conversation.id);
  }

  async accept(agent: UserRow, offerId: string): Promise<void> {
    // Offer closed and conversation assigned in one step under the agent's capacity lock: no routing cycle in
    // between sees the slot free. The same step resets the agent's missed offers and returns the conversation.
    // It accepts only this agent's offer, before its deadline: the offer is read only when it did not.
    // The "joined" message too, in the same statement on PostgreSQL: one commit fewer.
    const acceptance = await this.store.acceptOffer(offerId, this.clock.now(), agent.id, joinedText(agent));
    if (acceptance.outcome === 'closed') {
      const offer = await this.agentOffer(agent, offerId);
      if (offer.status === 'pending' && offer.expiresAt <= this.clock.now()) await this.timeout(offer.id);
      fail('OFFER_CLOSED', 'This offer was already accepted, rejected or timed out.');
    }
    this.deadlines.cancel(offerKey(offerId));
    const closed = () => this.fanout.toAgent(agent.id, { type: 'offer.closed', offerId, reason: 'accepted' });
    if (acceptance.outcome === 'ended') {
      await closed();
      fail('CONVERSATION_ENDED', 'The visitor left before the offer was accepted.');
    }
    await this.joined(agent, acceptance.conversation, acceptance.message, closed);
  }

  /**
   * The conversation (as assigned) is now the agent's: tell both sides, and move the queue up. `message`: the
   * "joined" message, when the assignment already stored it; `first`: a publish to go out before the others.
   */
  private async joined(
    agent: UserRow,
    conversation: ConversationRow,
    message?: ChatMessage,
    first?: () => Promise<void>,
  ): Promise<void> {
    const joined =
      message ??
      (await this.store.appendMessage({
        conversationId: conversation.id,
        author: 'system',
        text: joinedText(agent),
        createdAt: this.clock.now(),
      }));
    const detail = await conversationDetail(this.store, conversation);
    // Issued together, in this order, then waited for: one Redis write, not a round trip after each.
    await Promise.all([
      first?.(),
      this.conversations.broadcast(conversation, joined),
      this.fanout.toAgent(agent.id, { type: 'conversation.opened', conversation: detail }),
      this.conversations.publishStatus(conversation, agent.name),
    ]);
    // Not waited for: an agent's accepts are handled one after another, and would wait for the queue's publish.
    void this.positions.publish(conversation.queueId);
    await this.events.emit('conversationAssigned', {
      conversation,
      agent: { id: agent.id, name: agent.name },
      at: this.clock.now(),
    });
  }

  /**
   * Auto-assign queues skip the offer: the conditional write decides, so two nodes never both assign, and it
   * refuses an agent with no free capacity. False: not assigned to this agent.
   */
  private async autoAssign(conversation: ConversationRow, agentId: string): Promise<boolean> {
    const agent = await this.store.getUser(agentId);
    const now = this.clock.now();
    if (!agent || !(await this.store.assignConversationWithinCapacity(conversation.id, agentId, now))) {
      return false;
    }
    await this.store.markQueueMemberOffered(conversation.queueId, agentId, now);
    await this.joined(agent, (await this.store.getConversation(conversation.id))!);
    return true;
  }

  async reject(agent: UserRow, offerId: string): Promise<void> {
    const offer = await this.agentOffer(agent, offerId);
    if (!(await this.store.closeOffer(offerId, 'rejected', this.clock.now()))) {
      fail('OFFER_CLOSED', 'This offer was already accepted, rejected or timed out.');
    }
    this.deadlines.cancel(offerKey(offerId));
    await this.store.resetMissedOffers(agent.id);
    await this.fanout.toAgent(agent.id, { type: 'offer.closed', offerId, reason: 'rejected' });
    await this.dispatch(offer.conversationId);
  }

  /** The offer deadline: only the call whose conditional write wins re-offers. */
  async timeout(offerId: string): Promise<void> {
    const offer = await this.store.getOffer(offerId);
    if (!offer || !(await this.store.closeOffer(offerId, 'expired', this.clock.now()))) return;
    this.deadlines.cancel(offerKey(offerId));
    await this.fanout.toAgent(offer.agentId, { type: 'offer.closed', offerId, reason: 'expired' });
    const missed = await this.store.recordMissedOffer(offer.agentId);
    // Going Inactive withdraws the agent's other pending offers too: they go to someone who is there.
    if (
      this.missedOffersBeforeInactive > 0 &&
      missed >= this.missedOffersBeforeInactive &&
      (await this.store.getPresence(offer.agentId)) === 'available'
    ) {
      await this.applyPresence(offer.agentId, 'inactive');
    }
    await this.dispatch(offer.conversationId);
  }

  /** Sets an agent's capacity; a higher capacity may let them take waiting work at once. */
  async setCapacity(userId: string, capacity: number): Promise<UserRow> {
    if (!(await this.store.setUserCapacity(userId, capacity))) fail('NOT_FOUND', `No user ${userId}.`);
    await this.dispatchWaitingFor(userId);
    await this.publishPositionsFor(userId);
    await this.events.emit('agentCapacityChanged', userId);
    return (await this.store.getUser(userId))!;
  }

  async setPresence(agent: UserRow, status: Presence): Promise<void> {
    await this.applyPresence(agent.id, status);
  }

  /**
   * The agent's every console socket was on nodes that died: they go offline (their pending offers are
   * withdrawn and re-offered) until they reconnect and set their status again.
   */
  async agentUnreachable(agentId: string): Promise<void> {
    if ((await this.store.getPresence(agentId)) === 'offline') return;
    await this.applyPresence(agentId, 'offline');
  }

  private async applyPresence(agentId: string, status: Presence): Promise<void> {
    await this.store.resetMissedOffers(agentId);
    await this.store.setPresence(agentId, status, this.clock.now());
    await this.fanout.toAgent(agentId, { type: 'presence', status });
    if (status === 'available') {
      await this.dispatchWaitingFor(agentId);
      await this.publishPositionsFor(agentId);
      await this.events.emit('agentCapacityChanged', agentId);
      return;
    }
    for (const offer of await this.store.listPendingOffersForAgent(agentId)) {
      if (!(await this.store.closeOffer(offer.id, 'withdrawn', this.clock.now()))) continue;
      this.deadlines.cancel(offerKey(offer.id));
      await this.fanout.toAgent(agentId, { type: 'offer.closed', offerId: offer.id, reason: 'withdrawn' });
      await this.dispatch(offer.conversationId);
    }
    // One agent fewer: the estimated waits of their queues grow.
    await this.publishPositionsFor(agentId);
    await this.events.emit('agentCapacityChanged', agentId);
  }

  private async publishPositionsFor(agentId: string): Promise<void> {
    for (const queue of await this.store.listQueues()) {
      if (!(await this.store.listQueueMembers(queue.id)).includes(agentId)) continue;
      void this.positions.publish(queue.id);
    }
  }

  /** Withdraws a pending offer of a conversation that ended, and lets the freed agent take other work. */
  async conversationEnded(conversation: ConversationRow): Promise<void> {
    for (const offer of await this.store.listOffersForConversation(conversation.id)) {
      if (
        offer.status !== 'pending' ||
        !(await this.store.closeOffer(offer.id, 'withdrawn', this.clock.now()))
      ) {
        continue;
      }
      this.deadlines.cancel(offerKey(offer.id));
      await this.fanout.toAgent(offer.agentId, {
        type: 'offer.closed',
        offerId: offer.id,
        reason: 'withdrawn',
      });
    }
    if (conversation.agentId) {
      await this.dispatchWaitingFor(conversation.agentId);
      await this.events.emit('agentCapacityChanged', conversation.agentId);
    }
    // Without an agent it was still waiting: everyone behind it moves up.
    else void this.positions.publish(conversation.queueId);
  }

  /** Re-arms deadlines of pending offers (after a restart) and expires the overdue ones. */
  async recover(): Promise<void> {
    for (const offer of await this.store.listOverdueOffers(this.clock.now())) await this.timeout(offer.id);
  }

  armOfferDeadline(offer: OfferRow): void {
    this.deadlines.arm(offerKey(offer.id), offer.expiresAt, () => this.timeout(offer.id));
  }

  /** The agent has room again (a conversation left them): offer them waiting work. */
  agentFreed(agentId: string): Promise<void> {
    return this.dispatchWaitingFor(agentId);
  }

  private async dispatchWaitingFor(agentId: string): Promise<void> {
    for (const queue of await this.store.listQueues()) {
      if (!(await this.store.listQueueMembers(queue.id)).includes(agentId)) continue;
      await this.dispatchQueue(queue.id);
    }
  }

  /** False: the agent had no free capacity left (another routing cycle filled it), so no offer was made. */
  private async offer(
    conversation: ConversationRow,
    queue: QueueRow,
    agentId: string,
    /** The widget's, read with the routing state. */
    widgetSeconds: number | undefined,
  ): Promise<boolean> {
    const now = this.clock.now();
    const seconds = queue.offerTimeoutSeconds ?? widgetSeconds ?? limits.defaultOfferTimeoutSeconds;
    const offer: OfferRow = {
      id: this.ids.next('ofr'),
      conversationId: conversation.id,
      agentId,
      status: 'pending',
      createdAt: now,
      expiresAt: now + seconds * 1000,
    };
    // The member is marked offered (round robin) in the same step.
    if (!(await this.store.createOfferWithinCapacity(offer, queue.id))) return false;
    this.armOfferDeadline(offer);
    await this.fanout.toAgent(agentId, {
      type: 'offer.new',
      offer: offerView(offer, conversation),
      serverTime: now,
    });
    return true;
  }

  private async agentOffer(agent: UserRow, offerId: string): Promise<OfferRow> {
    const offer = await this.store.getOffer(offerId);
    if (!offer || offer.agentId !== agent.id) fail('OFFER_NOT_FOUND', `No offer ${offerId} for you.`);
    return offer;
  }
}

/** The system message an agent's taking a chat posts. */
function joinedText(agent: UserRow): string {
  return `${agent.name} joined the chat.`;
}
