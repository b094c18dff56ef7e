import { z } from 'zod';
import { roleSchema } from './entities.ts';

/** `GET /v1/auth/sign-in-options` (public): what the sign-in screen offers. */
export const signInOptionsSchema = z.object({
  passwordLogin: z.boolean(),
  /** Present when OpenID Connect sign-in is configured: the button's label and where it goes. */
  singleSignOn: z.object({ name: z.string(), startUrl: z.string() }).optional(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/** `GET /v1/settings/single-sign-on` (admin): the installation's configuration, read-only (set by environment). */
export const singleSignOnSettingsSchema = z.object({
  configured: z.boolean(),
  passwordLogin: z.boolean(),
  issuer: z.string().optional(),
  clientId: z.string().optional(),
  name: z.string().optional(),
  rolesClaim: z.string().optional(),
  roleMapping: z.array(z.object({ role: roleSchema, values: z.array(z.string()) })),
});
export type SingleSignOnSettings = z.infer<typeof singleSignOnSettingsSchema>;

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
