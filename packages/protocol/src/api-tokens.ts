import { z } from 'zod';
import { idSchema } from './entities.ts';

/**
 * What an API token may reach: read or write per resource family. A route names at most one scope (docs/protocol.md
 * lists it); routes naming none (sign-in, the own account, users, the audit trail, personal data, tokens themselves)
 * take a signed-in session only.
 */
export const apiTokenScopes = [
  'widgets:read',
  'widgets:write',
  'conversations:read',
  'conversations:write',
  'customers:read',
  'customers:write',
  'visitors:read',
  'visitors:write',
  'analytics:read',
  'webhooks:read',
  'webhooks:write',
] as const;
export const apiTokenScopeSchema = z.enum(apiTokenScopes);
export type ApiTokenScope = z.infer<typeof apiTokenScopeSchema>;

export const apiTokenNameMax = 100;

export const apiTokenInputSchema = z
  .object({
    name: z.string().trim().min(1).max(apiTokenNameMax),
    scopes: z
      .array(apiTokenScopeSchema)
      .min(1)
      .max(apiTokenScopes.length)
      .refine((scopes) => new Set(scopes).size === scopes.length, 'Each scope once.'),
    /** Epoch ms, in the future; absent or null: the token does not expire. */
    expiresAt: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type ApiTokenInput = z.infer<typeof apiTokenInputSchema>;

export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The token's first characters, to recognise it; never the secret part. */
  prefix: z.string(),
  scopes: z.array(apiTokenScopeSchema),
  createdAt: z.number(),
  createdBy: z.object({ id: idSchema, name: z.string() }),
  expiresAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** The answer to creating a token: the only time the full token is shown. */
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

/**
 * The part of `GET /v1/openapi.json` the console's API reference reads: each operation's summary and who reaches
 * it (`public`, `session` or a token scope).
 */
export const apiReferenceSchema = z.looseObject({
  paths: z.record(
    z.string(),
    z.record(z.string(), z.looseObject({ summary: z.string(), 'x-beckon-access': z.string() })),
  ),
});
export type ApiReference = z.infer<typeof apiReferenceSchema>;
