import type { AgentServerFrame } from '@beckon/protocol';
import { conversationDetail, offerView } from '../domain/conversations/conversation-views.ts';
import type { Services } from '../domain/services.ts';
import type { UserRow } from '../ports/store.ts';

/** What a console learns when its socket opens: the agent, presence, pending offers and open conversations. */
export async function agentState(s: Services, agent: UserRow): Promise<AgentServerFrame> {
  const { store } = s;
  const offers = [];
  for (const offer of await store.listPendingOffersForAgent(agent.id)) {
    const conversation = await store.getConversation(offer.conversationId);
    if (conversation) offers.push(offerView(offer, conversation));
  }
  const conversations = [];
  for (const row of await store.listAgentConversations(agent.id, ['active'])) {
    conversations.push(await conversationDetail(store, row));
  }
  return {
    type: 'agent.state',
    serverTime: s.clock.now(),
    agent: { id: agent.id, name: agent.name, role: agent.role },
    presence: await store.getPresence(agent.id),
    offers,
    conversations,
    awaitingWrapUp: await s.handoff.awaitingWrapUp(agent.id),
  };
}
