import { idParamsSchema, type UserAdmin, updateUserBodySchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import type { UserRow } from '../../ports/store.ts';
import { requireRole } from './auth.ts';

function toUserAdmin(row: UserRow): UserAdmin {
  return { id: row.id, name: row.name, email: row.email, role: row.role, capacity: row.capacity };
}

/** Accounts as admins manage them: for now, each agent's routing capacity. */
export function userRoutes(app: FastifyInstance, s: Services): void {
  const admin = { preHandler: requireRole(s.accounts, 'admin') };

  app.get('/v1/users', admin, async () => ({ users: (await s.store.listUsers()).map(toUserAdmin) }));
  app.patch('/v1/users/:id', admin, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { capacity } = parseOrFail(updateUserBodySchema, request.body);
    return toUserAdmin(await s.routing.setCapacity(id, capacity));
  });
}
