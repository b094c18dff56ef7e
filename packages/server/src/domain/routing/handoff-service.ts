import type { WrapUpOutcome } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Store, UserRow } from '../../ports/store.ts';
import { conversationDetail } from '../conversations/conversation-views.ts';
import type { ConversationsService } from '../conversations/conversations-service.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import type { RoutingService } from './routing-service.ts';

export type TransferTarget = { kind: 'queue'; queueId: string } | { kind: 'agent'; agentId: string };

/** Wrap-ups are asked for on conversations that ended within this window (older ones are let go). */
export const wrapUpWindowMs = 24 * 60 * 60_000;

/**
 * Handing a conversation on: transfer to a queue (it waits there and routing offers it) or straight to an
 * available agent, and the wrap-up of an ended conversation. Transfers are conditional writes from the current
 * agent, so a transfer racing an end or another transfer has exactly one winner.
 */
export class HandoffService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly fanout: Fanout,
    private readonly conversations: ConversationsService,
    private readonly routing: RoutingService,
  ) {}

  async transfer(agent: UserRow, conversationId: string, target: TransferTarget): Promise<void> {
    const conversation = await this.conversations.agentConversation(agent, conversationId);
    if (conversation.status !== 'active' || !conversation.agentId) {
      fail('CONVERSATION_ENDED', 'Only an active conversation can be transferred.');
    }
    const from = conversation.agentId;
    if (target.kind === 'queue') {
      const queue =
        (await this.store.getQueue(target.queueId)) ?? fail('NOT_FOUND', `No queue ${target.queueId}.`);
      if (!(await this.store.requeueConversation(conversationId, from, queue.id))) {
        fail('CONFLICT', 'The conversation changed meanwhile; it was not transferred.');
      }
      await this.leave(from, conversationId);
      const waiting = (await this.store.getConversation(conversationId))!;
      await this.conversations.systemMessage(waiting, `${agent.name} transferred the chat to ${queue.name}.`);
      await this.conversations.publishStatus(waiting);
      await this.routing.waiting(waiting);
    } else {
      const to = await this.store.getUser(target.agentId);
      if (!to || to.id === from) fail('TRANSFER_TARGET_UNAVAILABLE', 'Pick another agent.');
      if (
        (await this.store.getPresence(to.id)) !== 'available' ||
        (await this.store.listAgentConversations(to.id, ['active'])).length +
          (await this.store.listPendingOffersForAgent(to.id)).length >=
          to.capacity
      ) {
        fail('TRANSFER_TARGET_UNAVAILABLE', `${to.name} is not available or has no free capacity.`);
      }
      if (!(await this.store.reassignConversation(conversationId, from, to.id))) {
        fail('CONFLICT', 'The conversation changed meanwhile; it was not transferred.');
      }
      await this.leave(from, conversationId);
      const moved = (await this.store.getConversation(conversationId))!;
      await this.conversations.systemMessage(moved, `${agent.name} transferred the chat to ${to.name}.`);
      await this.fanout.toAgent(to.id, {
        type: 'conversation.opened',
        conversation: await conversationDetail(this.store, moved),
      });
      await this.conversations.publishStatus(moved, to.name);
    }
    await this.routing.agentFreed(from);
  }

  async wrapUp(agent: UserRow, conversationId: string, outcome: WrapUpOutcome, notes: string): Promise<void> {
    const conversation = await this.conversations.agentConversation(agent, conversationId);
    if (conversation.status !== 'ended') fail('CONVERSATION_NOT_ENDED', 'End the conversation first.');
    const saved = await this.store.saveWrapUp({
      conversationId,
      agentId: agent.id,
      outcome,
      notes: notes.trim(),
      at: this.clock.now(),
    });
    if (!saved) fail('ALREADY_WRAPPED_UP', 'This conversation already has a wrap-up.');
    await this.fanout.toAgent(agent.id, { type: 'conversation.wrappedUp', conversationId });
  }

  async awaitingWrapUp(agentId: string) {
    const rows = await this.store.listAwaitingWrapUp(agentId, this.clock.now() - wrapUpWindowMs);
    return Promise.all(rows.map((row) => conversationDetail(this.store, row)));
  }

  private async leave(agentId: string, conversationId: string): Promise<void> {
    await this.fanout.toAgent(agentId, {
      type: 'conversation.closed',
      conversationId,
      reason: 'transferred',
    });
  }
}
