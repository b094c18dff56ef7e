import { z } from 'zod';
import { roleSchema } from './entities.ts';

/** `GET /v1/auth/sign-in-options` (public): what the sign-in screen offers. */
export const signInOptionsSchema = z.object({
  passwordLogin: z.boolean(),
  /** Present when OpenID Connect sign-in is configured: the button's label and where it goes. */
  singleSignOn: z.object({ name: z.string(), startUrl: z.string() }).optional(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/** The settings an admin may edit, each of which an environment variable may set instead (and then wins). */
export const singleSignOnFieldSchema = z.enum([
  'enabled',
  'issuer',
  'clientId',
  'clientSecret',
  'name',
  'rolesClaim',
  'roleMapping',
  'passwordLogin',
]);
export type SingleSignOnField = z.infer<typeof singleSignOnFieldSchema>;

/** The environment variable that sets each field on the server (and then wins over the saved value). */
export const singleSignOnVariables: Record<SingleSignOnField, string> = {
  enabled: 'BECKON_OIDC_ISSUER',
  issuer: 'BECKON_OIDC_ISSUER',
  clientId: 'BECKON_OIDC_CLIENT_ID',
  clientSecret: 'BECKON_OIDC_CLIENT_SECRET',
  name: 'BECKON_OIDC_NAME',
  rolesClaim: 'BECKON_OIDC_ROLES_CLAIM',
  roleMapping: 'BECKON_OIDC_ROLES',
  passwordLogin: 'BECKON_PASSWORD_LOGIN',
};

const roleMappingSchema = z
  .array(
    z.object({
      role: roleSchema,
      values: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
    }),
  )
  .max(3)
  .refine((mapping) => new Set(mapping.map((entry) => entry.role)).size === mapping.length, {
    message: 'each role at most once',
  });

/**
 * `GET /v1/settings/single-sign-on` (admin): the installation's settings as they apply, environment variables
 * over what an admin saved, field by field. Never the client secret: only whether one is set.
 */
export const singleSignOnSettingsSchema = z.object({
  /** Single sign-on is switched on and has everything it needs (issuer, client, secret, a mapped role). */
  configured: z.boolean(),
  enabled: z.boolean(),
  passwordLogin: z.boolean(),
  issuer: z.string().optional(),
  clientId: z.string().optional(),
  clientSecretSet: z.boolean(),
  name: z.string(),
  rolesClaim: z.string(),
  roleMapping: z.array(z.object({ role: roleSchema, values: z.array(z.string()) })),
  /** The fields an environment variable sets: read-only in the console, a change to them is refused. */
  fromEnvironment: z.array(singleSignOnFieldSchema),
  /** Where the provider must send users back (register it as the client's redirect URI). */
  redirectUri: z.string(),
});
export type SingleSignOnSettings = z.infer<typeof singleSignOnSettingsSchema>;

/**
 * `PUT /v1/settings/single-sign-on` (admin) and the body of its check: the whole set of saved settings. The
 * secret is write-only: absent keeps the one saved. Fields set by the environment must be left out.
 */
export const singleSignOnSettingsInputSchema = z
  .object({
    enabled: z.boolean().optional(),
    issuer: z.string().trim().url().max(2048).optional(),
    clientId: z.string().trim().min(1).max(500).optional(),
    clientSecret: z.string().min(1).max(2000).optional(),
    name: z.string().trim().min(1).max(60).optional(),
    rolesClaim: z.string().trim().min(1).max(200).optional(),
    roleMapping: roleMappingSchema.optional(),
    passwordLogin: z.boolean().optional(),
  })
  .strict();
export type SingleSignOnSettingsInput = z.infer<typeof singleSignOnSettingsInputSchema>;

/** `POST /v1/settings/single-sign-on/check`: the provider answered discovery; what it said, in words. */
export const singleSignOnCheckSchema = z.object({
  ok: z.literal(true),
  message: z.string(),
  authorizationEndpoint: z.string(),
});
export type SingleSignOnCheck = z.infer<typeof singleSignOnCheckSchema>;

/** The callback's query: what the identity provider sends back (bounded; openid-client checks the rest). */
export const ssoCallbackQuerySchema = z
  .object({
    code: z.string().max(4096).optional(),
    state: z.string().max(512).optional(),
    iss: z.string().max(2048).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(2000).optional(),
  })
  .passthrough();
