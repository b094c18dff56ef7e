import type { QuickReply, QuickReplyInput } from '@beckon/protocol';
import { type MessageFacts, renderMessage } from '@beckon/rules';
import { fail } from '../domain/errors.ts';
import type { Services } from '../domain/services.ts';
import type { ConversationRow, QuickReplyRow, UserRow } from '../ports/store.ts';

const toQuickReply = ({ id, title, text }: QuickReplyRow): QuickReply => ({ id, title, text });

/** Quick replies: every role reads them (agents insert them); admins manage them. */
export class QuickReplies {
  constructor(private readonly s: Pick<Services, 'store' | 'ids' | 'clock' | 'conversations'>) {}

  async list(): Promise<QuickReply[]> {
    return (await this.s.store.listQuickReplies()).map(toQuickReply);
  }

  /** The quick replies with their variables filled in for one conversation the agent may see. */
  async forConversation(agent: UserRow, conversationId: string): Promise<QuickReply[]> {
    const conversation = await this.s.conversations.agentConversation(agent, conversationId);
    const facts = conversationFacts(conversation, agent.name);
    return (await this.list()).map((reply) => ({ ...reply, text: renderMessage(reply.text, facts) }));
  }

  async create(input: QuickReplyInput): Promise<QuickReply> {
    const row = { ...input, id: this.s.ids.next('qrp'), createdAt: this.s.clock.now() };
    await this.s.store.createQuickReply(row);
    return toQuickReply(row);
  }

  async update(id: string, input: QuickReplyInput): Promise<QuickReply> {
    const row = { ...input, id, createdAt: 0 };
    if (!(await this.s.store.updateQuickReply(row))) fail('NOT_FOUND', `No quick reply ${id}.`);
    return toQuickReply(row);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.s.store.deleteQuickReply(id))) fail('NOT_FOUND', `No quick reply ${id}.`);
  }
}

/** What a conversation recorded of its visitor when it started, as the facts a message's variables read. */
function conversationFacts(conversation: ConversationRow, agentName: string): MessageFacts {
  const { context, customer } = conversation;
  const record = customer.status === 'linked' ? customer.customer : undefined;
  const values: Record<string, string | number | boolean> = {};
  for (const [key, entry] of Object.entries(context.custom)) values[key] = entry.value;
  return {
    language: context.language,
    visitorName: context.prechat?.name ?? record?.name,
    customer: record && { name: record.name, company: record.company },
    page: { url: context.startUrl, title: context.startTitle, startedAt: 0 },
    location: context.location,
    context: values,
    events: context.events,
    agentName,
  };
}
