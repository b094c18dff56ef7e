import {
  createUserBodySchema,
  idParamsSchema,
  passwordResetBodySchema,
  twoFactorPolicySchema,
  updateUserBodySchema,
  userRoleBodySchema,
  userStatusBodySchema,
} from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { UserAdministration } from '../../application/users.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, type Gate, sessionOnly } from './auth.ts';

/** `/v1/users`: admins manage accounts (UserAdministration). */
export function userRoutes(app: FastifyInstance, gate: Gate, users: UserAdministration): void {
  const admin = sessionOnly(gate, 'admin');

  app.get('/v1/users', admin, async () => ({ users: await users.list() }));
  app.patch('/v1/users/:id', admin, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { capacity } = parseOrFail(updateUserBodySchema, request.body);
    return users.setCapacity(id, capacity);
  });
  app.post('/v1/users', admin, async (request, reply) => {
    const body = parseOrFail(createUserBodySchema, request.body);
    return reply.status(201).send(await users.create(currentUser(request).id, body));
  });
  app.get('/v1/users/two-factor-policy', admin, async () => users.twoFactorPolicy());
  app.put('/v1/users/two-factor-policy', admin, async (request) => {
    const policy = parseOrFail(twoFactorPolicySchema, request.body);
    return users.setTwoFactorPolicy(currentUser(request).id, policy);
  });
  app.put('/v1/users/:id/status', admin, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { status } = parseOrFail(userStatusBodySchema, request.body);
    return users.setStatus(currentUser(request).id, id, status);
  });
  app.put('/v1/users/:id/role', admin, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { role } = parseOrFail(userRoleBodySchema, request.body);
    return users.setRole(currentUser(request).id, id, role);
  });
  app.post('/v1/users/:id/password-reset', admin, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { temporaryPassword } = parseOrFail(passwordResetBodySchema, request.body);
    return users.resetPassword(currentUser(request).id, id, temporaryPassword);
  });
  app.delete('/v1/users/:id', admin, async (request, reply) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    await users.delete(currentUser(request).id, id);
    return reply.status(204).send();
  });
}
