import type { customerInputSchema } from '@beckon/protocol';
import type { z } from 'zod';
import { conversationDetail } from '../domain/conversations/conversation-views.ts';
import { importCustomers } from '../domain/identity/customer-import.ts';
import type { Services } from '../domain/services.ts';
import type { CustomerRow, UserRow } from '../ports/store.ts';

type CustomerFields = z.output<typeof customerInputSchema>;

function toRecord({ createdAt: _createdAt, ...record }: CustomerRow) {
  return record;
}

/** Customer records and the conversations agents work on (an agent sees only what they may). */
export class CustomerRecords {
  constructor(private readonly s: Services) {}

  async search(q: string) {
    return (await this.s.store.searchCustomers(q, 20)).map(toRecord);
  }

  async create(input: CustomerFields) {
    const row: CustomerRow = { ...input, id: this.s.ids.next('cus'), createdAt: this.s.clock.now() };
    await this.s.store.createCustomer(row);
    return toRecord(row);
  }

  async conversation(user: UserRow, conversationId: string) {
    const conversation = await this.s.conversations.agentConversation(user, conversationId);
    return conversationDetail(this.s.store, conversation);
  }

  async link(user: UserRow, conversationId: string, customerId: string) {
    await this.s.conversations.agentConversation(user, conversationId);
    return this.s.identity.link(conversationId, customerId);
  }

  async createProposed(user: UserRow, conversationId: string) {
    await this.s.conversations.agentConversation(user, conversationId);
    return this.s.identity.createProposed(conversationId);
  }

  async unlink(user: UserRow, conversationId: string) {
    await this.s.conversations.agentConversation(user, conversationId);
    return this.s.identity.unlink(conversationId);
  }

  import(csv: string) {
    return importCustomers(this.s.store, this.s.ids, this.s.clock, csv);
  }
}
