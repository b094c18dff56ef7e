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

/** Concurrent conversations an agent takes unless an admin sets another number. */
export const defaultAgentCapacity = 3;
/** `GET /v1/users` (admin): every account with its routing capacity. */
export const userAdminSchema = userSchema.extend({ capacity: z.number().int().min(0).max(50) });
export type UserAdmin = z.infer<typeof userAdminSchema>;
export const usersResponseSchema = z.object({ users: z.array(userAdminSchema) });
export type UsersResponse = z.infer<typeof usersResponseSchema>;
/** `PATCH /v1/users/:id` (admin). Capacity 0 keeps an agent out of routing without changing presence. */
export const updateUserBodySchema = z.object({ capacity: z.number().int().min(0).max(50) }).strict();
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

/**
 * The global fatigue budget of a widget, across all its rules, per visitor. Counts invitations made by rules
 * (`startProactiveChat` from page code is the page's decision and is not counted).
 */
export const widgetFatigueSchema = z.object({
  /** At most this many rule invitations per visit. */
  perVisit: z.number().int().min(1).max(100),
  /** At most this many rule invitations in any rolling 7 days. */
  perWeek: z.number().int().min(1).max(1000),
  /** After the visitor dismisses an invitation, no rule invites for this long; 0 = no back-off. */
  dismissBackoffMinutes: z
    .number()
    .int()
    .min(0)
    .max(90 * 24 * 60),
});
export type WidgetFatigue = z.infer<typeof widgetFatigueSchema>;
export const defaultWidgetFatigue: WidgetFatigue = {
  perVisit: 2,
  perWeek: 3,
  dismissBackoffMinutes: 24 * 60,
};

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
  fatigue: widgetFatigueSchema,
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
  fatigue: widgetFatigueSchema.default(defaultWidgetFatigue),
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

/** The facts of a journey typed in the console, for `POST /v1/widgets/:id/explain`. */
export const explainJourneySchema = z.object({
  url: z.string().min(1).max(2048),
  title: z.string().max(500).default(''),
  timeOnPageSeconds: z.number().int().min(0).max(86_400).default(0),
  /** Absent: the same as time on page (the journey's first page). */
  timeOnSiteSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .optional(),
  pagesViewed: z.number().int().min(1).max(10_000).default(1),
  visitNumber: z.number().int().min(1).max(100_000).default(1),
  language: z.string().min(2).max(35).default('en'),
  /** ISO 3166-1 alpha-2; absent = unknown. */
  country: z.string().length(2).optional(),
  context: z.record(z.string().min(1).max(100), z.union([z.string(), z.number(), z.boolean()])).default({}),
  authenticated: z.boolean().default(false),
  /** Epoch ms of the instant to evaluate at; absent = the server's now. */
  now: z.number().int().min(0).optional(),
});
export type ExplainJourney = z.input<typeof explainJourneySchema>;

export const explainQuerySchema = z.object({ visitorId: z.string().min(1).max(100) });

/** The controls that can veto a rule before the engine sees it, in the order they are checked. */
export const explainGateSchema = z.enum([
  'widget-disabled',
  'proactive-off',
  'busy',
  'backoff',
  'budget-visit',
  'budget-week',
  'cap-page',
  'cap-visit',
  'cap-visitor',
  'cap-day',
]);
export type ExplainGate = z.infer<typeof explainGateSchema>;

export const explainRuleSchema = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  priority: z.number(),
  outcome: z.enum(['fired', 'outranked', 'not-matched', 'disabled', 'vetoed']),
  /** Why: the first failing condition with its actual value, or the gate that vetoed the rule. */
  reason: z.string(),
  /** Set when `outcome` is `vetoed`. */
  gate: explainGateSchema.optional(),
  /** When a vetoed rule's gate lifts with time alone, if it does. */
  vetoedUntil: z.number().optional(),
  /** For a vetoed rule: whether its conditions match now (it would fire or be outranked without the gate). */
  conditionsMatch: z.boolean().optional(),
  /** Path of the first failing condition in the rule's tree, e.g. `conditions.all[1]`. */
  failedPath: z.string().optional(),
  actual: z.unknown().optional(),
  /** The earliest instant the rule could start matching from time passing alone, facts unchanged. */
  becomesTrueAt: z.number().optional(),
});
export type ExplainRule = z.infer<typeof explainRuleSchema>;

export const explanationSchema = z.object({
  /** The instant evaluated at (epoch ms). */
  at: z.number(),
  fire: z.object({ ruleId: z.string(), ruleName: z.string(), message: z.string() }).optional(),
  /** Only when nothing fires: when the server would evaluate again, facts unchanged. */
  nextCheckAt: z.number().optional(),
  rules: z.array(explainRuleSchema),
});
export type Explanation = z.infer<typeof explanationSchema>;
