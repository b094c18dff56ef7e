import {
  customerImportBodySchema,
  customerInputSchema,
  customerSearchQuerySchema,
  idParamsSchema,
  linkCustomerBodySchema,
} from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import { conversationDetail } from '../../domain/conversations/conversation-views.ts';
import { importCustomers } from '../../domain/identity/customer-import.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import type { CustomerRow } from '../../ports/store.ts';
import { currentUser, requireRole } from './auth.ts';

function toRecord({ createdAt: _createdAt, ...record }: CustomerRow) {
  return record;
}

/** Customer records and the conversations agents work on. */
export function customerRoutes(app: FastifyInstance, s: Services): void {
  const anyone = { preHandler: requireRole(s.accounts) };
  const admin = { preHandler: requireRole(s.accounts, 'admin') };

  app.get('/v1/customers', anyone, async (request) => {
    const { q } = parseOrFail(customerSearchQuerySchema, request.query);
    return { customers: (await s.store.searchCustomers(q, 20)).map(toRecord) };
  });
  app.post('/v1/customers', anyone, async (request, reply) => {
    const input = parseOrFail(customerInputSchema, request.body);
    const row: CustomerRow = { ...input, id: s.ids.next('cus'), createdAt: s.clock.now() };
    await s.store.createCustomer(row);
    return reply.status(201).send(toRecord(row));
  });
  app.get('/v1/conversations/:id', anyone, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const conversation = await s.conversations.agentConversation(currentUser(request), id);
    return conversationDetail(s.store, conversation);
  });
  app.post('/v1/conversations/:id/customer', anyone, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { customerId } = parseOrFail(linkCustomerBodySchema, request.body);
    await s.conversations.agentConversation(currentUser(request), id);
    return s.identity.link(id, customerId);
  });
  app.delete('/v1/conversations/:id/customer', anyone, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    await s.conversations.agentConversation(currentUser(request), id);
    return s.identity.unlink(id);
  });
  app.post('/v1/customers/import', admin, async (request) => {
    const { csv } = parseOrFail(customerImportBodySchema, request.body);
    return importCustomers(s.store, s.ids, s.clock, csv);
  });
}
