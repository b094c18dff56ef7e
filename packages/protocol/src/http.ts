import { z } from 'zod';
import { customerRecordSchema, idSchema, prechatFieldSchema, roleSchema } from './entities.ts';
import { limits } from './limits.ts';

/** HTTP bodies. Every error response is `{ error: { code, message, details? } }` with a code from errors.ts. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const loginBodySchema = z.object({
  email: z.string().email().max(254),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const userSchema = z.object({ id: idSchema, name: z.string(), email: z.string(), role: roleSchema });
export type User = z.infer<typeof userSchema>;

const origin = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[^/\s]+$/, 'an origin is scheme://host[:port], without a path');

export const widgetSchema = z.object({
  id: idSchema,
  key: z.string(),
  name: z.string(),
  title: z.string(),
  color: z.string(),
  locale: z.string(),
  enabled: z.boolean(),
  /** PRODUCT.md §1.2: off by default; off means no invitation, ever. */
  proactiveEnabled: z.boolean(),
  allowedOrigins: z.array(origin),
  queueId: idSchema,
  offerTimeoutSeconds: z.number().int(),
  prechatFields: z.array(prechatFieldSchema),
  /** Algorithm of the site-signed identity token; the secret / public key itself is write-only. */
  identityAlgorithm: z.enum(['none', 'HS256', 'RS256']),
  identityIssuer: z.string().optional(),
});
export type Widget = z.infer<typeof widgetSchema>;

export const widgetInputSchema = z.object({
  name: z.string().min(1).max(120),
  title: z.string().min(1).max(120).default('Chat with us'),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default('#2454d6'),
  locale: z.string().min(2).max(10).default('auto'),
  enabled: z.boolean().default(true),
  proactiveEnabled: z.boolean().default(false),
  allowedOrigins: z.array(origin).max(50).default([]),
  queueId: idSchema,
  offerTimeoutSeconds: z.number().int().min(10).max(3600).default(limits.defaultOfferTimeoutSeconds),
  prechatFields: z.array(prechatFieldSchema).max(10).default([]),
  identityAlgorithm: z.enum(['none', 'HS256', 'RS256']).default('none'),
  identityIssuer: z.string().max(200).optional(),
  /** HS256 shared secret or RS256 public key (PEM). Never returned. */
  identitySecret: z.string().max(8192).optional(),
});
export type WidgetInput = z.input<typeof widgetInputSchema>;

type WidgetShape = typeof widgetInputSchema.shape;
type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/** Every field optional and no defaults: a patch changes only the fields it names. */
export const widgetPatchSchema = z.object(
  Object.fromEntries(
    Object.entries(widgetInputSchema.shape).map(([name, field]) => [
      name,
      (field instanceof z.ZodDefault ? field.unwrap() : field).optional(),
    ]),
  ) as unknown as { [K in keyof WidgetShape]: z.ZodOptional<WithoutDefault<WidgetShape[K]>> },
);
export type WidgetPatch = z.input<typeof widgetPatchSchema>;

export const queueSchema = z.object({ id: idSchema, name: z.string() });
export type Queue = z.infer<typeof queueSchema>;

export const customerInputSchema = z.object({
  name: z.string().min(1).max(200),
  email: z.string().email().max(254).optional(),
  phone: z.string().max(40).optional(),
  company: z.string().max(200).optional(),
  externalId: z.string().max(200).optional(),
  active: z.boolean().default(true),
});
export type CustomerInput = z.input<typeof customerInputSchema>;

export const customerListSchema = z.object({ customers: z.array(customerRecordSchema) });

export const linkCustomerBodySchema = z.object({ customerId: idSchema });
export type LinkCustomerBody = z.infer<typeof linkCustomerBodySchema>;

export const customerSearchQuerySchema = z.object({ q: z.string().max(200).default('') });

export const idParamsSchema = z.object({ id: idSchema });
