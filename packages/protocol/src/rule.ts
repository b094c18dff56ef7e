// Over 300 lines: the whole rule model (conditions, actions, controls) as one zod schema the engine, server and console share.
import { z } from 'zod';
import { messageTemplateSchema } from './message-template.ts';

/**
 * The proactive rule model. A rule is a condition tree plus an action (the message) plus controls (priority).
 * A condition type is its shape here (in `leafConditionSchema`), its descriptor in `./conditions/` (how people
 * read and edit it) and its evaluator module in @beckon/rules; docs/rules.md lists the steps.
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

/** Inside (`open`) or outside (`closed`) the widget's operating hours; a widget without hours is always open. */
export const operatingHoursConditionSchema = z.object({
  type: z.literal('operatingHours'),
  state: z.enum(['open', 'closed']),
});

const textOp = z.enum(['equals', 'startsWith', 'contains', 'wildcard']);
const listOp = z.enum(['in', 'notIn']);
const longSeconds = z
  .number()
  .int()
  .min(0)
  .max(365 * 86_400);

/** The current page's title (case-insensitive). */
export const pageTitleConditionSchema = z.object({
  type: z.literal('pageTitle'),
  op: textOp,
  value: z.string().min(1).max(500),
});

/** Some page of this visit before the current one; same matching as `currentUrl`. */
export const urlVisitedConditionSchema = z.object({
  type: z.literal('urlVisited'),
  op: textOp,
  value: z.string().min(1).max(2048),
});

/** The visit's pages include these steps in this order (other pages may come between); wildcard patterns. */
export const urlFunnelConditionSchema = z.object({
  type: z.literal('urlFunnel'),
  steps: z.array(z.string().min(1).max(2048)).min(1).max(10),
});

/** The page the visit came from: its host or its full URL. No referrer matches nothing. */
export const referrerConditionSchema = z.object({
  type: z.literal('referrer'),
  part: z.enum(['host', 'url']),
  op: textOp,
  value: z.string().min(1).max(2048),
});

/** A UTM parameter of the visit's landing URL (case-insensitive). */
export const utmConditionSchema = z.object({
  type: z.literal('utm'),
  param: z.enum(['source', 'medium', 'campaign']),
  op: textOp,
  value: z.string().min(1).max(256),
});

export const pagesViewedConditionSchema = z.object({
  type: z.literal('pagesViewed'),
  op: numericOp,
  value: z.number().int().min(0).max(100_000),
});

/** Seconds since the previous visit ended; a first visit has none and matches nothing. */
export const timeSinceLastVisitConditionSchema = z.object({
  type: z.literal('timeSinceLastVisit'),
  op: numericOp,
  seconds: longSeconds,
});

/** Seconds since the visitor's last chat ended (or started, if still open); never chatted matches nothing. */
export const timeSinceLastChatConditionSchema = z.object({
  type: z.literal('timeSinceLastChat'),
  op: numericOp,
  seconds: longSeconds,
});

/** Signed in through a verified site token. */
export const authenticatedConditionSchema = z.object({
  type: z.literal('authenticated'),
  value: z.boolean(),
});

/** A field of the customer record linked to the visitor (through the site token); same operators as context. */
export const customerConditionSchema = z.object({
  type: z.literal('customer'),
  field: z.enum(['name', 'email', 'phone', 'company', 'externalId']),
  op: z.enum(['eq', 'neq', 'contains', 'exists']),
  value: z.string().max(256).optional(),
});

/** `Beckon.track(name, props)` this visit: how many times (with every listed prop equal, when given). */
export const eventConditionSchema = z.object({
  type: z.literal('event'),
  name: z.string().min(1).max(64),
  op: numericOp,
  count: z.number().int().min(0).max(10_000),
  props: z.record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()])).optional(),
});

/** Browser language: a primary tag ("fr") matches every region of it, a full tag ("fr-CA") only itself. */
export const languageConditionSchema = z.object({
  type: z.literal('language'),
  op: listOp,
  values: z.array(z.string().min(2).max(35)).min(1).max(50),
});

export const deviceConditionSchema = z.object({
  type: z.literal('device'),
  op: listOp,
  values: z.array(z.enum(['desktop', 'tablet', 'mobile'])).min(1),
});

/** Browser family as the widget reports it (e.g. "Chrome", "Firefox", "Safari", "Edge"), case-insensitive. */
export const browserConditionSchema = z.object({
  type: z.literal('browser'),
  op: listOp,
  values: z.array(z.string().min(1).max(60)).min(1).max(50),
});

/** Region / city from IP geolocation, case-insensitive; unknown is in no list. */
export const regionConditionSchema = z.object({
  type: z.literal('region'),
  op: listOp,
  values: z.array(z.string().min(1).max(100)).min(1).max(100),
});
export const cityConditionSchema = z.object({
  type: z.literal('city'),
  op: listOp,
  values: z.array(z.string().min(1).max(100)).min(1).max(100),
});

/** The pointer left the page towards the browser's tabs or address bar, on this page view. */
export const exitIntentConditionSchema = z.object({ type: z.literal('exitIntent') });

/** Deepest scroll on this page view, in percent of the page. */
export const scrollDepthConditionSchema = z.object({
  type: z.literal('scrollDepth'),
  op: numericOp,
  percent: z.number().int().min(0).max(100),
});

/** Seconds since the visitor last moved, scrolled, typed or touched on this page. */
export const idleTimeConditionSchema = z.object({
  type: z.literal('idleTime'),
  op: numericOp,
  seconds: z.number().int().min(0).max(86_400),
});

/** An agent of the widget's queue is available with free capacity. */
export const agentAvailableConditionSchema = z.object({ type: z.literal('agentAvailable') });

/** The estimated wait for a chat started now, in seconds. No estimate (nobody can take it) matches nothing. */
export const predictedWaitConditionSchema = z.object({
  type: z.literal('predictedWait'),
  op: numericOp,
  seconds: z.number().int().min(0).max(86_400),
});

/**
 * The acceptance model's predicted chance, in percent, that this visitor accepts an invitation shown now
 * (docs/smart-invitations.md). While the widget's model is not ready, or smart invitations are switched off, the
 * condition counts as met: the rule behaves as written.
 */
export const predictedAcceptanceConditionSchema = z.object({
  type: z.literal('predictedAcceptance'),
  op: numericOp,
  percent: z.number().int().min(0).max(100),
});

export const leafConditionSchema = z.discriminatedUnion('type', [
  urlConditionSchema,
  timeOnPageConditionSchema,
  timeOnSiteConditionSchema,
  visitCountConditionSchema,
  executionWindowConditionSchema,
  countryConditionSchema,
  contextConditionSchema,
  operatingHoursConditionSchema,
  pageTitleConditionSchema,
  urlVisitedConditionSchema,
  urlFunnelConditionSchema,
  referrerConditionSchema,
  utmConditionSchema,
  pagesViewedConditionSchema,
  timeSinceLastVisitConditionSchema,
  timeSinceLastChatConditionSchema,
  authenticatedConditionSchema,
  customerConditionSchema,
  eventConditionSchema,
  languageConditionSchema,
  deviceConditionSchema,
  browserConditionSchema,
  regionConditionSchema,
  cityConditionSchema,
  exitIntentConditionSchema,
  scrollDepthConditionSchema,
  idleTimeConditionSchema,
  agentAvailableConditionSchema,
  predictedWaitConditionSchema,
  predictedAcceptanceConditionSchema,
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
  /** Default text; variables are filled in for each visitor when the invitation is shown. */
  text: messageTemplateSchema(500),
  /** Per-language texts keyed by BCP 47 primary tag ("fr", "en"). */
  translations: z.record(z.string().min(2).max(10), messageTemplateSchema(500)).optional(),
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

/** One message variant of an A/B split; the share of non-holdout visitors it gets is weight ÷ total weight. */
export const ruleVariantSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
    .refine((id) => id !== 'holdout' && id !== 'default', "'holdout' and 'default' are reserved"),
  message: ruleMessageSchema,
  weight: z.number().int().min(1).max(100),
});
export type RuleVariant = z.infer<typeof ruleVariantSchema>;

/** How long after an invitation a tracked conversion event still counts for it, by default: a day. */
export const defaultObjectiveWindowHours = 24;

/**
 * What an optimised split maximises (docs/smart-invitations.md): the invitation accepted, a chat an agent
 * answered from it, or a `Beckon.track(event)` conversion by the visitor within `windowHours` of it.
 */
export const ruleObjectiveSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accepted') }),
  z.object({ kind: z.literal('chat') }),
  z.object({
    kind: z.literal('event'),
    event: z.string().min(1).max(64),
    windowHours: z.number().int().min(1).max(720).default(defaultObjectiveWindowHours),
  }),
]);
export type RuleObjective = z.infer<typeof ruleObjectiveSchema>;

/** The objective of a split that names none: the invitation accepted. */
export const defaultRuleObjective: RuleObjective = { kind: 'accepted' };

/**
 * A/B split: each visitor is assigned once per rule, deterministically from a hash of (rule id, visitor id).
 * `holdoutPercent` of visitors are never invited by this rule (the would-be invitation is recorded as held),
 * the others see one of the `variants` (none: the rule's own `message`).
 */
export const ruleSplitSchema = z
  .object({
    holdoutPercent: z.number().int().min(0).max(100).default(0),
    variants: z.array(ruleVariantSchema).max(10).default([]),
    /**
     * Optimise: instead of the weights, each new visitor outside the holdout gets the variant Thompson sampling
     * picks from the invitations accepted so far (docs/smart-invitations.md); a visitor keeps their variant.
     */
    optimise: z.boolean().optional(),
    /** What the optimiser maximises; absent: the invitation accepted. */
    objective: ruleObjectiveSchema.optional(),
  })
  .refine((split) => new Set(split.variants.map((variant) => variant.id)).size === split.variants.length, {
    message: 'variant ids must be unique',
    path: ['variants'],
  });
export type RuleSplit = z.infer<typeof ruleSplitSchema>;

/**
 * What the acceptance model may do for this rule (docs/smart-invitations.md). `off` is the rule's kill switch:
 * its `predictedAcceptance` conditions count as met and it invites at the first match, exactly as if neither
 * existed. `bestMoment`: within the rule's conditions, invite when the predicted chance is highest, waiting at
 * most `maxDelaySeconds` after the first match, or at once from `inviteAtPercent`.
 */
export const ruleSmartSchema = z.object({
  off: z.boolean().optional(),
  bestMoment: z
    .object({
      maxDelaySeconds: z.number().int().min(5).max(600),
      inviteAtPercent: z.number().int().min(1).max(100).optional(),
    })
    .optional(),
});
export type RuleSmart = z.infer<typeof ruleSmartSchema>;

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
  /** The queue a chat from this rule's invitation goes to; absent: the widget's queue. */
  queueId: z.string().min(1).max(64).optional(),
  /** Absent: no holdout, one message. */
  split: ruleSplitSchema.optional(),
  /** Predicted engagement for this rule: its kill switch and the best-moment option; absent: neither. */
  smart: ruleSmartSchema.optional(),
  /** Only published rules run for live visitors (absent = published); a draft can be previewed with a link. */
  status: z.enum(['draft', 'published']).optional(),
});
export type RuleInput = z.input<typeof ruleInputSchema>;

export const ruleSchema = ruleInputSchema.extend({
  id: z.string(),
  widgetId: z.string(),
  updatedAt: z.number(),
});
export type Rule = z.infer<typeof ruleSchema>;

/** One saved version of a rule: who saved it, when, and its content then. */
export const ruleVersionSchema = z.object({
  ruleId: z.string(),
  version: z.number().int().min(1),
  /** `created`, `saved` (content changed), `published`, `unpublished` (back to draft), `deleted`. */
  action: z.enum(['created', 'saved', 'published', 'unpublished', 'deleted']),
  userId: z.string().optional(),
  userName: z.string().optional(),
  at: z.number(),
  rule: ruleInputSchema,
});
export type RuleVersion = z.infer<typeof ruleVersionSchema>;
