import { z } from 'zod';

/**
 * The proactive rule model. A rule is a condition tree plus an action (the message) plus controls (priority).
 * New condition types are added to `conditionSchema`; the engine in @beckon/rules has one module per type.
 */

const numericOp = z.enum(['gte', 'gt', 'lte', 'lt', 'eq']);
export type NumericOp = z.infer<typeof numericOp>;

export const urlConditionSchema = z.object({
  type: z.literal('currentUrl'),
  /** `wildcard`: `*` matches any run of characters, `?` one character; compiled to a safe matcher. */
  op: z.enum(['equals', 'startsWith', 'contains', 'wildcard']),
  value: z.string().min(1).max(2048),
});

export const timeOnPageConditionSchema = z.object({
  type: z.literal('timeOnPage'),
  op: numericOp,
  seconds: z.number().int().min(0).max(86_400),
});

export const timeOnSiteConditionSchema = z.object({
  type: z.literal('timeOnSite'),
  op: numericOp,
  seconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400),
});

export const visitCountConditionSchema = z.object({
  type: z.literal('visitCount'),
  op: numericOp,
  value: z.number().int().min(0),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const executionWindowConditionSchema = z.object({
  type: z.literal('executionWindow'),
  /** IANA time zone, e.g. "Europe/Paris". */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown IANA time zone'),
  /** Inclusive local dates. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** 0 = Sunday … 6 = Saturday; absent = every day. */
  days: z.array(z.number().int().min(0).max(6)).optional(),
  /** Local time of day [startTime, endTime); absent = all day. If endTime < startTime the window crosses midnight. */
  startTime: hhmm.optional(),
  endTime: hhmm.optional(),
});

export const countryConditionSchema = z.object({
  type: z.literal('country'),
  op: z.enum(['in', 'notIn']),
  /** ISO 3166-1 alpha-2 codes, upper case. */
  values: z.array(z.string().length(2)).min(1),
});

export const contextConditionSchema = z.object({
  type: z.literal('context'),
  name: z.string().min(1).max(100),
  op: z.enum(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists']),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

export const leafConditionSchema = z.discriminatedUnion('type', [
  urlConditionSchema,
  timeOnPageConditionSchema,
  timeOnSiteConditionSchema,
  visitCountConditionSchema,
  executionWindowConditionSchema,
  countryConditionSchema,
  contextConditionSchema,
]);
export type LeafCondition = z.infer<typeof leafConditionSchema>;

export type ConditionNode =
  | LeafCondition
  | { type: 'all'; conditions: ConditionNode[] }
  | { type: 'any'; conditions: ConditionNode[] }
  | { type: 'not'; condition: ConditionNode };

export const conditionSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    leafConditionSchema,
    z.object({ type: z.literal('all'), conditions: z.array(conditionSchema).max(100) }),
    z.object({ type: z.literal('any'), conditions: z.array(conditionSchema).max(100) }),
    z.object({ type: z.literal('not'), condition: conditionSchema }),
  ]),
);

export const ruleMessageSchema = z.object({
  /** Default text. `{name}` is replaced by the visitor's name and `{context.X}` by a context value, when known. */
  text: z.string().min(1).max(500),
  /** Per-language texts keyed by BCP 47 primary tag ("fr", "en"). */
  translations: z.record(z.string().min(2).max(10), z.string().min(1).max(500)).optional(),
});
export type RuleMessage = z.infer<typeof ruleMessageSchema>;

/**
 * Per-rule caps, counted from the invitations this rule made to the visitor. Every cap that is set applies.
 * A rule without `caps` invites at most once per visit (the behaviour before caps existed).
 */
export const ruleCapsSchema = z.object({
  /** At most once per page view (a single-page-app route change is a new page view). */
  perPage: z.boolean().optional(),
  /** At most once per visit (a visit ends after 30 minutes without activity). */
  perVisit: z.boolean().optional(),
  /** At most once for this visitor, ever. */
  perVisitor: z.boolean().optional(),
  /** At most N invitations in any rolling 24 hours. */
  perDay: z.number().int().min(1).max(100).optional(),
});
export type RuleCaps = z.infer<typeof ruleCapsSchema>;

/** The caps of a rule that names none. */
export const defaultRuleCaps: RuleCaps = { perVisit: true };

export const ruleInputSchema = z.object({
  name: z.string().min(1).max(120),
  enabled: z.boolean().default(true),
  /** Higher wins. Ties are broken by rule id (ascending), so the winner never depends on storage order. */
  priority: z.number().int().min(0).max(10_000).default(100),
  conditions: conditionSchema,
  message: ruleMessageSchema,
  /** Ask the pre-chat survey before the chat opens, when the widget has one. */
  showPrechat: z.boolean().default(false),
  /** Absent: once per visit (`defaultRuleCaps`). */
  caps: ruleCapsSchema.optional(),
});
export type RuleInput = z.input<typeof ruleInputSchema>;

export const ruleSchema = ruleInputSchema.extend({
  id: z.string(),
  widgetId: z.string(),
  updatedAt: z.number(),
});
export type Rule = z.infer<typeof ruleSchema>;
