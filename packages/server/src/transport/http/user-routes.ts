import { createUserBodySchema, idParamsSchema, type UserAdmin, updateUserBodySchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../domain/errors.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import type { UserRow } from '../../ports/store.ts';
import { requireRole } from './auth.ts';

function toUserAdmin(row: UserRow): UserAdmin {
  return { id: row.id, name: row.name, email: row.email, role: row.role, capacity: row.capacity };
}

/** Accounts as admins manage them: creating accounts (with capacity and queues), each agent's routing capacity. */
export function userRoutes(app: FastifyInstance, s: Services): void {
  const admin = { preHandler: requireRole(s.accounts, 'admin') };

  app.get('/v1/users', admin, async () => ({ users: (await s.store.listUsers()).map(toUserAdmin) }));
  app.patch('/v1/users/:id', admin, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { capacity } = parseOrFail(updateUserBodySchema, request.body);
    return toUserAdmin(await s.routing.setCapacity(id, capacity));
  });
  app.post('/v1/users', admin, async (request, reply) => {
    const body = parseOrFail(createUserBodySchema, request.body);
    const queueIds = [...new Set(body.queueIds ?? [])];
    const known = new Set((await s.store.listQueues()).map((queue) => queue.id));
    const missing = queueIds.filter((queueId) => !known.has(queueId));
    if (missing.length > 0) fail('NOT_FOUND', `No queue ${missing.join(', ')}.`);
    const taken = async () => (await s.store.findUserByEmail(body.email.toLowerCase())) !== undefined;
    if (await taken()) fail('CONFLICT', 'An account with this email already exists.');
    const { capacity, queueIds: _queues, ...account } = body;
    let row = await s.accounts.createUser(account).catch(async (error: unknown) => {
      // Two requests for one email at once: the unique index lets one through.
      if (await taken()) fail('CONFLICT', 'An account with this email already exists.');
      throw error;
    });
    for (const queueId of queueIds) await s.store.addQueueMember(queueId, row.id);
    if (capacity !== undefined) row = await s.routing.setCapacity(row.id, capacity);
    return reply.status(201).send(toUserAdmin(row));
  });
}
