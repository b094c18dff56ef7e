import { createUserBodySchema, idParamsSchema, updateUserBodySchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { UserAdministration } from '../../application/users.ts';
import type { AccountsService } from '../../domain/accounts/accounts-service.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { requireRole } from './auth.ts';

/** `/v1/users`: admins manage accounts (UserAdministration). */
export function userRoutes(app: FastifyInstance, accounts: AccountsService, users: UserAdministration): void {
  const admin = { preHandler: requireRole(accounts, 'admin') };

  app.get('/v1/users', admin, async () => ({ users: await users.list() }));
  app.patch('/v1/users/:id', admin, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { capacity } = parseOrFail(updateUserBodySchema, request.body);
    return users.setCapacity(id, capacity);
  });
  app.post('/v1/users', admin, async (request, reply) => {
    const body = parseOrFail(createUserBodySchema, request.body);
    return reply.status(201).send(await users.create(body));
  });
}
