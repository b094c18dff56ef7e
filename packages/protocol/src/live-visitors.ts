import { z } from 'zod';
import { deviceSchema, idSchema } from './entities.ts';
import { featurePushSchema } from './http.ts';
import { limits } from './limits.ts';
import { messageTemplateSchema } from './message-template.ts';

/**
 * "Who is on the site now": one connected visitor as agents see it in the Visitors list. Times are server epoch
 * ms; the console counts time on page and on site from them and the frame's `serverTime`.
 */
export const liveVisitorStateSchema = z.enum(['browsing', 'idle', 'invited', 'waiting', 'chatting']);
export type LiveVisitorState = z.infer<typeof liveVisitorStateSchema>;

export const liveInvitationSchema = z.object({
  id: idSchema,
  source: z.enum(['rule', 'page', 'agent']),
  /** The inviting agent, for an agent's invitation. */
  agentId: idSchema.optional(),
  agentName: z.string().optional(),
  expiresAt: z.number(),
});
export type LiveInvitation = z.infer<typeof liveInvitationSchema>;

export const liveVisitorSchema = z.object({
  id: idSchema,
  widgetId: idSchema,
  page: z.object({ url: z.string(), title: z.string() }),
  pageStartedAt: z.number(),
  visitStartedAt: z.number(),
  /** When the visitor last did something (page view, activity signal). */
  lastActiveAt: z.number(),
  pagesViewed: z.number().int().min(0),
  visitNumber: z.number().int().min(1),
  /** This visit's pages, most recent last (at most `liveVisitorJourneyMax`). */
  journey: z.array(z.string()),
  referrer: z.string().optional(),
  utmSource: z.string().optional(),
  utmMedium: z.string().optional(),
  /**
   * What the acceptance model reads of this visit's `Beckon.track` events: the first 20 distinct names, each seen
   * once or twice and more (2). Absent without consent or events.
   */
  events: z.array(z.object({ name: z.string(), count: z.union([z.literal(1), z.literal(2)]) })).optional(),
  /** The page signed the visitor in with a verified identity token (whether or not a customer record matched). */
  authenticated: z.boolean().optional(),
  location: z.object({ country: z.string().optional(), city: z.string().optional() }),
  device: deviceSchema,
  language: z.string(),
  customer: z
    .object({ name: z.string().optional(), email: z.string().optional(), verified: z.boolean() })
    .optional(),
  /** `not-required`: the widget tracks without consent; `pending`: consent mode and none given yet. */
  consent: z.enum(['not-required', 'granted', 'pending']),
  state: liveVisitorStateSchema,
  invitation: liveInvitationSchema.optional(),
  /**
   * The page's `setContextProvider` values, cut to `liveVisitorContextMax` entries of at most
   * `liveVisitorContextValueMax` characters; absent without consent. Agent invitations fill `{{context.KEY}}`
   * from them.
   */
  context: z.record(z.string(), z.string()).optional(),
  /** An invitation (any source) was already shown this visit. */
  invitedThisVisit: z.boolean(),
  /**
   * The widget's acceptance model on this visitor when the list page was built, for a widget whose model is ready
   * (docs/visitors.md): the chance in percent and the features pushing it up and down the most, as the explain
   * API gives them. Absent: no ready model, the widget's switch off, or no consent.
   */
  prediction: z
    .object({ percent: z.number(), up: z.array(featurePushSchema), down: z.array(featurePushSchema) })
    .optional(),
});
export type LiveVisitor = z.infer<typeof liveVisitorSchema>;

export const liveVisitorJourneyMax = 20;
export const liveVisitorContextMax = 20;
export const liveVisitorContextValueMax = 100;
/** No page view nor activity for this long: the visitor counts as idle. */
export const liveVisitorIdleMs = 2 * 60_000;
export const liveVisitorsPageMax = 100;

export const liveVisitorFilterSchema = z.object({
  widgetId: idSchema.optional(),
  pageContains: z.string().max(200).optional(),
  /** Country name or code as the location lookup gives it. */
  country: z.string().max(60).optional(),
  returning: z.boolean().optional(),
  identified: z.boolean().optional(),
  idle: z.boolean().optional(),
  notInvited: z.boolean().optional(),
});
export type LiveVisitorFilter = z.infer<typeof liveVisitorFilterSchema>;

export const liveVisitorSortSchema = z.enum(['timeOnSite', 'pages', 'arrival']);
export type LiveVisitorSort = z.infer<typeof liveVisitorSortSchema>;

/** An agent's invitation text, written on the spot. */
export const agentInvitationMessageSchema = z
  .string()
  .trim()
  .pipe(messageTemplateSchema(limits.agentInvitationMaxLength));

export const liveVisitorClientFrames = [
  /** Watch the live list: replaces this socket's previous watch. */
  z.object({
    type: z.literal('visitors.watch'),
    filter: liveVisitorFilterSchema.default({}),
    sort: liveVisitorSortSchema.default('arrival'),
    limit: z.number().int().min(1).max(liveVisitorsPageMax).default(liveVisitorsPageMax),
  }),
  z.object({ type: z.literal('visitors.unwatch') }),
  /** Invite a connected visitor with this text (the same invitation as a rule's, in this agent's name). */
  z.object({ type: z.literal('visitor.invite'), visitorId: idSchema, message: agentInvitationMessageSchema }),
  /** Take back one's own invitation still showing: it disappears from the visitor. */
  z.object({ type: z.literal('visitor.invitation.withdraw'), invitationId: idSchema }),
] as const;

export const liveVisitorServerFrames = [
  /** The first page of the watch: the visitors matching it, sorted, and how many match in all. */
  z.object({
    type: z.literal('visitors.list'),
    serverTime: z.number(),
    total: z.number().int().min(0),
    visitors: z.array(liveVisitorSchema),
  }),
  /**
   * What changed in the watched page since the last frame (at most one per second): visitors new or changed,
   * ids that left the page, and the page's order now.
   */
  z.object({
    type: z.literal('visitors.changes'),
    serverTime: z.number(),
    total: z.number().int().min(0),
    changed: z.array(liveVisitorSchema),
    removed: z.array(idSchema),
    order: z.array(idSchema),
  }),
  /** The agent's invitation is showing to the visitor. */
  z.object({
    type: z.literal('visitor.invited'),
    visitorId: idSchema,
    invitationId: idSchema,
    expiresAt: z.number(),
  }),
] as const;

const flagSchema = z.enum(['true', 'false']).transform((flag) => flag === 'true');

/** `GET /v1/widgets/:id/live-visitors`: the first page of the live list, as a socket's watch starts with. */
export const liveVisitorsQuerySchema = z.object({
  sort: liveVisitorSortSchema.default('arrival'),
  limit: z.coerce.number().int().min(1).max(liveVisitorsPageMax).default(liveVisitorsPageMax),
  pageContains: liveVisitorFilterSchema.shape.pageContains,
  country: liveVisitorFilterSchema.shape.country,
  returning: flagSchema.optional(),
  identified: flagSchema.optional(),
  idle: flagSchema.optional(),
  notInvited: flagSchema.optional(),
});
export const liveVisitorsPageSchema = z.object({
  serverTime: z.number(),
  total: z.number().int().min(0),
  visitors: z.array(liveVisitorSchema),
});
export type LiveVisitorsPage = z.infer<typeof liveVisitorsPageSchema>;

/** `POST /v1/visitors/:id/invitations`. */
export const visitorInvitationBodySchema = z.object({ message: agentInvitationMessageSchema });
export const visitorInvitationResponseSchema = z.object({
  invitation: z.object({ id: idSchema, visitorId: idSchema, expiresAt: z.number() }),
});
