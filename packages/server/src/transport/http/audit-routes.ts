import { auditListQuerySchema } from '@beckon/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { auditedAction } from './audited-routes.ts';
import { type Gate, sessionOnly } from './auth.ts';

/** The audit trail: admins read it; every successful admin change listed in audited-routes.ts is recorded. */
export function auditRoutes(app: FastifyInstance, s: Pick<Services, 'audit'>, gate: Gate): void {
  const admin = sessionOnly(gate, 'admin');
  app.get('/v1/audit', admin, async (request) => {
    const query = parseOrFail(auditListQuerySchema, request.query);
    return { entries: await s.audit.list(query) };
  });

  // onSend sees the answer's body, so a created resource's id is recorded too; a failed change records nothing.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode >= 400 || !request.user) return payload;
    const action = auditedAction(request.method, request.routeOptions.url);
    if (!action) return payload;
    const params = (request.params ?? {}) as Record<string, string>;
    const created = typeof payload === 'string' ? idOf(payload) : undefined;
    const body = request.body;
    await s.audit.record({
      actorId: request.user.id,
      action: action.action,
      targetType: action.targetType,
      targetId: params.id ?? created ?? null,
      details: {
        ...(params.userId ? { userId: params.userId } : {}),
        // A change an integration made: the actor is the token's creator, the token says which integration.
        ...(request.apiToken ? { apiTokenId: request.apiToken.id } : {}),
        // The names of the fields sent, never their values: the trail must not copy what was typed.
        ...(body && typeof body === 'object' && !Array.isArray(body)
          ? { fields: Object.keys(body).sort() }
          : {}),
      },
    });
    return payload;
  });
}

function idOf(payload: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(payload);
    const id = parsed && typeof parsed === 'object' ? (parsed as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
