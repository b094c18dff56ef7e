import type { Presence } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { ConversationRow, OfferRow, Store, UserRow } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';
import { conversationDetail, offerView } from '../conversations/conversation-views.ts';
import type { ConversationsService } from '../conversations/conversations-service.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { KeyedLock } from '../keyed-lock.ts';
import { publishQueuePositions } from './queue-positions.ts';

/**
 * Consecutive offer timeouts after which an agent is set Inactive: someone who is not at the desk should not
 * hold every visitor for a full offer deadline. A constant until it is configurable per queue.
 */
export const missedOffersBeforeInactive = 3;

const offerKey = (offerId: string) => `offer:${offerId}`;

/**
 * Offers waiting conversations to one available agent at a time. An offer has a deadline; reject or timeout
 * offers the conversation to the next eligible agent. Acceptance is a conditional write, so one agent wins.
 */
export class RoutingService {
  private readonly lock = new KeyedLock();
  /** Last time each agent was offered work on this node: the round-robin tie-break. */
  private readonly lastOfferedAt = new Map<string, number>();
  /**
   * Offer timeouts in a row per agent, on this node: an accept, a reject or a presence change resets it. Kept
   * in memory because a restart giving an agent a fresh count is harmless.
   */
  private readonly missedOffers = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly fanout: Fanout,
    private readonly deadlines: Deadlines,
    private readonly conversations: ConversationsService,
  ) {}

  /** Offers the conversation to the best eligible agent, unless it has an offer pending or is not waiting. */
  dispatch(conversationId: string): Promise<void> {
    return this.lock.run(`conversation:${conversationId}`, async () => {
      const conversation = await this.store.getConversation(conversationId);
      if (conversation?.status !== 'waiting') return;
      const offers = await this.store.listOffersForConversation(conversationId);
      if (offers.some((offer) => offer.status === 'pending')) return;
      const agentId = await this.pickAgent(conversation, new Set(offers.map((offer) => offer.agentId)));
      if (agentId) await this.offer(conversation, agentId);
    });
  }

  /** A conversation started waiting: offer it, and tell the queue's visitors their positions. */
  async waiting(conversation: ConversationRow): Promise<void> {
    await this.dispatch(conversation.id);
    await publishQueuePositions(this.store, this.fanout, conversation.queueId);
  }

  async accept(agent: UserRow, offerId: string): Promise<void> {
    const offer = await this.agentOffer(agent, offerId);
    if (offer.status === 'pending' && offer.expiresAt <= this.clock.now()) await this.timeout(offer.id);
    if (!(await this.store.closeOffer(offerId, 'accepted', this.clock.now()))) {
      fail('OFFER_CLOSED', 'This offer was already accepted, rejected or timed out.');
    }
    this.deadlines.cancel(offerKey(offerId));
    this.missedOffers.delete(agent.id);
    await this.fanout.toAgent(agent.id, { type: 'offer.closed', offerId, reason: 'accepted' });
    if (!(await this.store.assignConversation(offer.conversationId, agent.id, this.clock.now()))) {
      fail('CONVERSATION_ENDED', 'The visitor left before the offer was accepted.');
    }
    const conversation = (await this.store.getConversation(offer.conversationId))!;
    await publishQueuePositions(this.store, this.fanout, conversation.queueId);
    await this.conversations.systemMessage(conversation, `${agent.name} joined the chat.`);
    await this.fanout.toAgent(agent.id, {
      type: 'conversation.opened',
      conversation: await conversationDetail(this.store, conversation),
    });
    await this.conversations.publishStatus(conversation, agent.name);
  }

  async reject(agent: UserRow, offerId: string): Promise<void> {
    const offer = await this.agentOffer(agent, offerId);
    if (!(await this.store.closeOffer(offerId, 'rejected', this.clock.now()))) {
      fail('OFFER_CLOSED', 'This offer was already accepted, rejected or timed out.');
    }
    this.deadlines.cancel(offerKey(offerId));
    this.missedOffers.delete(agent.id);
    await this.fanout.toAgent(agent.id, { type: 'offer.closed', offerId, reason: 'rejected' });
    await this.dispatch(offer.conversationId);
  }

  /** The offer deadline: only the call whose conditional write wins re-offers. */
  async timeout(offerId: string): Promise<void> {
    const offer = await this.store.getOffer(offerId);
    if (!offer || !(await this.store.closeOffer(offerId, 'expired', this.clock.now()))) return;
    this.deadlines.cancel(offerKey(offerId));
    await this.fanout.toAgent(offer.agentId, { type: 'offer.closed', offerId, reason: 'expired' });
    const missed = (this.missedOffers.get(offer.agentId) ?? 0) + 1;
    this.missedOffers.set(offer.agentId, missed);
    // Going Inactive withdraws the agent's other pending offers too: they go to someone who is there.
    if (
      missed >= missedOffersBeforeInactive &&
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
    return (await this.store.getUser(userId))!;
  }

  async setPresence(agent: UserRow, status: Presence): Promise<void> {
    await this.applyPresence(agent.id, status);
  }

  private async applyPresence(agentId: string, status: Presence): Promise<void> {
    this.missedOffers.delete(agentId);
    await this.store.setPresence(agentId, status, this.clock.now());
    await this.fanout.toAgent(agentId, { type: 'presence', status });
    if (status === 'available') {
      await this.dispatchWaitingFor(agentId);
      return;
    }
    for (const offer of await this.store.listPendingOffersForAgent(agentId)) {
      if (!(await this.store.closeOffer(offer.id, 'withdrawn', this.clock.now()))) continue;
      this.deadlines.cancel(offerKey(offer.id));
      await this.fanout.toAgent(agentId, { type: 'offer.closed', offerId: offer.id, reason: 'withdrawn' });
      await this.dispatch(offer.conversationId);
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
    if (conversation.agentId) await this.dispatchWaitingFor(conversation.agentId);
    // Without an agent it was still waiting: everyone behind it moves up.
    else await publishQueuePositions(this.store, this.fanout, conversation.queueId);
  }

  /** Re-arms deadlines of pending offers (after a restart) and expires the overdue ones. */
  async recover(): Promise<void> {
    for (const offer of await this.store.listOverdueOffers(this.clock.now())) await this.timeout(offer.id);
  }

  armOfferDeadline(offer: OfferRow): void {
    this.deadlines.arm(offerKey(offer.id), offer.expiresAt, () => this.timeout(offer.id));
  }

  private async dispatchWaitingFor(agentId: string): Promise<void> {
    for (const queue of await this.store.listQueues()) {
      if (!(await this.store.listQueueMembers(queue.id)).includes(agentId)) continue;
      for (const conversation of await this.store.listWaitingConversations(queue.id)) {
        await this.dispatch(conversation.id);
      }
    }
  }

  /** Highest free capacity first; ties go to the agent offered work longest ago (round robin), then by id. */
  private async pickAgent(
    conversation: ConversationRow,
    alreadyOffered: Set<string>,
  ): Promise<string | undefined> {
    const candidates: { agentId: string; free: number; last: number }[] = [];
    for (const agentId of await this.store.listQueueMembers(conversation.queueId)) {
      if (alreadyOffered.has(agentId) || (await this.store.getPresence(agentId)) !== 'available') continue;
      const capacity = (await this.store.getUser(agentId))?.capacity ?? 0;
      const active = await this.store.listAgentConversations(agentId, ['active']);
      const pending = await this.store.listPendingOffersForAgent(agentId);
      const free = capacity - active.length - pending.length;
      if (free > 0) candidates.push({ agentId, free, last: this.lastOfferedAt.get(agentId) ?? 0 });
    }
    candidates.sort((a, b) => b.free - a.free || a.last - b.last || a.agentId.localeCompare(b.agentId));
    return candidates[0]?.agentId;
  }

  private async offer(conversation: ConversationRow, agentId: string): Promise<void> {
    const widget = await this.store.getWidget(conversation.widgetId);
    const now = this.clock.now();
    const offer: OfferRow = {
      id: this.ids.next('ofr'),
      conversationId: conversation.id,
      agentId,
      status: 'pending',
      createdAt: now,
      expiresAt: now + (widget?.offerTimeoutSeconds ?? 120) * 1000,
    };
    await this.store.createOffer(offer);
    this.lastOfferedAt.set(agentId, now);
    this.armOfferDeadline(offer);
    await this.fanout.toAgent(agentId, {
      type: 'offer.new',
      offer: offerView(offer, conversation),
      serverTime: now,
    });
  }

  private async agentOffer(agent: UserRow, offerId: string): Promise<OfferRow> {
    const offer = await this.store.getOffer(offerId);
    if (!offer || offer.agentId !== agent.id) fail('OFFER_NOT_FOUND', `No offer ${offerId} for you.`);
    return offer;
  }
}
