import {
  customerImportBodySchema,
  customerInputSchema,
  customerSearchQuerySchema,
  idParamsSchema,
  linkCustomerBodySchema,
} from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { CustomerRecords } from '../../application/customers.ts';
import type { AccountsService } from '../../domain/accounts/accounts-service.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, requireRole } from './auth.ts';

/** Customer records and the conversations agents work on (CustomerRecords). */
export function customerRoutes(
  app: FastifyInstance,
  accounts: AccountsService,
  customers: CustomerRecords,
): void {
  const anyone = { preHandler: requireRole(accounts) };
  const admin = { preHandler: requireRole(accounts, 'admin') };

  app.get('/v1/customers', anyone, async (request) => {
    const { q } = parseOrFail(customerSearchQuerySchema, request.query);
    return { customers: await customers.search(q) };
  });
  app.post('/v1/customers', anyone, async (request, reply) => {
    const input = parseOrFail(customerInputSchema, request.body);
    return reply.status(201).send(await customers.create(input));
  });
  app.get('/v1/conversations/:id', anyone, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    return customers.conversation(currentUser(request), id);
  });
  app.post('/v1/conversations/:id/customer', anyone, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { customerId } = parseOrFail(linkCustomerBodySchema, request.body);
    return customers.link(currentUser(request), id, customerId);
  });
  app.post('/v1/conversations/:id/customer/proposed', anyone, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    return customers.createProposed(currentUser(request), id);
  });
  app.delete('/v1/conversations/:id/customer', anyone, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    return customers.unlink(currentUser(request), id);
  });
  app.post('/v1/customers/import', admin, async (request) => {
    const { csv } = parseOrFail(customerImportBodySchema, request.body);
    return customers.import(csv);
  });
}
