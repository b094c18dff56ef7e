import {
  customerImportBodySchema,
  customerInputSchema,
  customerSearchQuerySchema,
  idParamsSchema,
  linkCustomerBodySchema,
} from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { CustomerRecords } from '../../application/customers.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { allow, currentUser, type Gate } from './auth.ts';

/** Customer records and the conversations agents work on (CustomerRecords). */
export function customerRoutes(app: FastifyInstance, gate: Gate, customers: CustomerRecords): void {
  const readCustomers = allow(gate, 'customers:read');
  const writeCustomers = allow(gate, 'customers:write');
  const readConversation = allow(gate, 'conversations:read');
  const writeConversation = allow(gate, 'conversations:write');
  const admin = allow(gate, 'customers:write', 'admin');

  app.get('/v1/customers', readCustomers, async (request) => {
    const { q } = parseOrFail(customerSearchQuerySchema, request.query);
    return { customers: await customers.search(q) };
  });
  app.post('/v1/customers', writeCustomers, async (request, reply) => {
    const input = parseOrFail(customerInputSchema, request.body);
    return reply.status(201).send(await customers.create(input));
  });
  app.get('/v1/conversations/:id', readConversation, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    return customers.conversation(currentUser(request), id);
  });
  app.post('/v1/conversations/:id/customer', writeConversation, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { customerId } = parseOrFail(linkCustomerBodySchema, request.body);
    return customers.link(currentUser(request), id, customerId);
  });
  app.post('/v1/conversations/:id/customer/proposed', writeConversation, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    return customers.createProposed(currentUser(request), id);
  });
  app.delete('/v1/conversations/:id/customer', writeConversation, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    return customers.unlink(currentUser(request), id);
  });
  app.post('/v1/customers/import', admin, async (request) => {
    const { csv } = parseOrFail(customerImportBodySchema, request.body);
    return customers.import(csv);
  });
}
