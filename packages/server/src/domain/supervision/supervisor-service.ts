import type { ConversationDetail, SupervisorOverview, TeamMember } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Store, UserRow } from '../../ports/store.ts';
import { conversationDetail, visitorDisplayName } from '../conversations/conversation-views.ts';
import { fail } from '../errors.ts';

const dayMs = 24 * 60 * 60_000;

/** The supervisor's live view of the floor, and the right to watch any conversation silently. */
export class SupervisorService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async overview(): Promise<SupervisorOverview> {
    const now = this.clock.now();
    const users = await this.store.listUsers();
    const names = new Map(users.map((user) => [user.id, user.name]));
    const presence = new Map<string, Awaited<ReturnType<Store['getPresence']>>>();
    for (const user of users) presence.set(user.id, await this.store.getPresence(user.id));

    const queues = [];
    for (const queue of await this.store.listQueues()) {
      const waiting = await this.store.listWaitingConversations(queue.id);
      const members = await this.store.listQueueMembers(queue.id);
      queues.push({
        id: queue.id,
        name: queue.name,
        waiting: waiting.length,
        longestWaitSeconds: waiting[0] ? Math.max(0, Math.floor((now - waiting[0].createdAt) / 1000)) : 0,
        availableAgents: members.filter((id) => presence.get(id) === 'available').length,
      });
    }
    const agents = [];
    for (const user of users) {
      agents.push({
        id: user.id,
        name: user.name,
        role: user.role,
        presence: presence.get(user.id) ?? 'offline',
        activeConversations: (await this.store.listAgentConversations(user.id, ['active'])).length,
        capacity: user.capacity,
      });
    }
    const conversations = (await this.store.listOpenConversations()).map((row) => ({
      id: row.id,
      status: row.status as 'waiting' | 'active',
      queueId: row.queueId,
      agentId: row.agentId,
      agentName: row.agentId ? names.get(row.agentId) : undefined,
      visitorName: visitorDisplayName(row),
      createdAt: row.createdAt,
    }));
    // "Today" is the UTC day: one answer whichever node or browser asks.
    const since = now - (now % dayMs);
    const counts = await this.store.countInvitationsByStatus(since);
    const funnel = {
      since,
      shown: counts.shown + counts.accepted + counts.dismissed + counts.expired + counts.withdrawn,
      accepted: counts.accepted,
      dismissed: counts.dismissed,
      expired: counts.expired,
      pending: counts.shown,
    };
    return { serverTime: now, queues, agents, conversations, funnel };
  }

  /** Everyone's name, role and presence: enough to pick whom to transfer to, nothing more. */
  async team(): Promise<TeamMember[]> {
    const members = [];
    for (const user of await this.store.listUsers()) {
      members.push({
        id: user.id,
        name: user.name,
        role: user.role,
        presence: await this.store.getPresence(user.id),
      });
    }
    return members;
  }

  /** The conversation a supervisor (or admin) starts watching; nobody in it is told. */
  async watch(user: UserRow, conversationId: string): Promise<ConversationDetail> {
    if (user.role !== 'supervisor' && user.role !== 'admin') {
      fail('FORBIDDEN', 'Only supervisors and admins can join conversations silently.');
    }
    const conversation =
      (await this.store.getConversation(conversationId)) ??
      fail('CONVERSATION_NOT_FOUND', `No conversation ${conversationId}.`);
    return conversationDetail(this.store, conversation);
  }
}
