// Over 300 lines: every HTTP body schema of the API in one place, in the order of the route table in docs/protocol.md.
import { z } from 'zod';
import {
  customerRecordSchema,
  idSchema,
  prechatFieldSchema,
  presenceSchema,
  roleSchema,
} from './entities.ts';
import {
  allowedFileTypes,
  defaultWidgetFileTypes,
  fileLimits,
  fileTypeSchema,
  widgetFileSizeLimits,
} from './files.ts';
import { limits } from './limits.ts';
import { messageTemplateSchema } from './message-template.ts';
import { ruleObjectiveSchema } from './rule.ts';
import { invitationLookSchema, operatingHoursSchema } from './widget-features.ts';

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
export const userAdminSchema = userSchema.extend({
  capacity: z.number().int().min(0).max(50),
  status: z.enum(['active', 'disabled']),
  /** Epoch ms of the last successful sign-in, absent when never. */
  lastSignInAt: z.number().optional(),
  passwordChangeRequired: z.boolean(),
  twoFactor: z.boolean(),
});
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

/**
 * Identity tokens: the bounds of a widget's maximum lifetime (`exp` − `iat`) and how far `iat` may be ahead of
 * the server's clock. Kept out of `limits`, which the widget loader bundles.
 */
export const identityTokenLimits = {
  defaultLifetimeSeconds: 86_400,
  minLifetimeSeconds: 60,
  maxLifetimeSeconds: 30 * 86_400,
  clockSkewSeconds: 60,
} as const;

/** Bounds of a widget's own URL query-parameter deny-list (added to the built-in one). */
export const urlParamDenyListLimits = { maxNames: 50, maxNameLength: 64 } as const;

/** A query-parameter name as it appears in a URL (compared case-insensitively when scrubbing). */
export const urlParamNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(urlParamDenyListLimits.maxNameLength)
  .regex(/^[\w.~[\]-]+$/);

export const widgetSchema = z.object({
  id: idSchema,
  key: z.string(),
  name: z.string(),
  title: z.string(),
  color: z.string(),
  locale: z.string(),
  enabled: z.boolean(),
  /** Off by default; off means no invitation, ever. */
  proactiveEnabled: z.boolean(),
  allowedOrigins: z.array(origin),
  queueId: idSchema,
  offerTimeoutSeconds: z.number().int(),
  prechatFields: z.array(prechatFieldSchema),
  /** Algorithm of the site-signed identity token; the secret / public key itself is write-only. */
  identityAlgorithm: z.enum(['none', 'HS256', 'RS256']),
  identityIssuer: z.string().optional(),
  /** When set, a token's `aud` must name it. */
  identityAudience: z.string().optional(),
  /** The longest a token may live (`exp` − `iat`), in seconds. */
  identityMaxLifetimeSeconds: z.number().int(),
  fatigue: widgetFatigueSchema,
  /** Journey tracking waits for `Beckon.consent(true)`. */
  consentRequired: z.boolean(),
  /** Weekly schedule; null = always open. */
  operatingHours: operatingHoursSchema.nullable(),
  /** How the invitation looks (display name, avatar, accept wording); empty = the widget's defaults. */
  invitationLook: invitationLookSchema,
  /** A visitor's pre-chat answers that match no customer create an (unverified) record at once. */
  prechatCreatesCustomers: z.boolean(),
  /** Rule invitations only when an agent of the target queue is available with free capacity. */
  inviteOnlyWhenAnswerable: z.boolean(),
  /** Query parameters removed from page URLs in addition to the built-in list. */
  urlParamDenyList: z.array(z.string()),
  /** Agents see what visitors type before they send it; the widget tells visitors so. */
  sneakPeek: z.boolean(),
  /** The file types visitors and agents may send in this widget's chats, read from the bytes (empty: none). */
  fileTypes: z.array(fileTypeSchema),
  /** The largest file, in bytes (the installation's BECKON_FILE_MAX_BYTES caps it). */
  fileMaxBytes: z.number().int(),
  /** Predicted engagement (docs/smart-invitations.md); off is the widget's kill switch: every rule as written. */
  smartInvitations: z.boolean(),
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
  /** When set (non-empty), a token's `aud` must name it. */
  identityAudience: z.string().max(200).optional(),
  /** The longest a token may live (`exp` − `iat`): 60 s to 30 days, 24 h by default. */
  identityMaxLifetimeSeconds: z
    .number()
    .int()
    .min(identityTokenLimits.minLifetimeSeconds)
    .max(identityTokenLimits.maxLifetimeSeconds)
    .default(identityTokenLimits.defaultLifetimeSeconds),
  /** HS256 shared secret or RS256 public key (PEM). Never returned. */
  identitySecret: z.string().max(8192).optional(),
  fatigue: widgetFatigueSchema.default(defaultWidgetFatigue),
  consentRequired: z.boolean().default(false),
  operatingHours: operatingHoursSchema.nullable().default(null),
  invitationLook: invitationLookSchema.default({}),
  prechatCreatesCustomers: z.boolean().default(false),
  inviteOnlyWhenAnswerable: z.boolean().default(true),
  urlParamDenyList: z.array(urlParamNameSchema).max(urlParamDenyListLimits.maxNames).default([]),
  sneakPeek: z.boolean().default(false),
  fileTypes: z
    .array(fileTypeSchema)
    .max(allowedFileTypes.length)
    .refine((types) => new Set(types).size === types.length, 'Each type once.')
    .default(defaultWidgetFileTypes),
  fileMaxBytes: z
    .number()
    .int()
    .min(widgetFileSizeLimits.min)
    .max(widgetFileSizeLimits.max)
    .default(fileLimits.maxBytes),
  smartInvitations: z.boolean().default(true),
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
  /* Facts of the complete engine; each absent = unknown / none. */
  /** This visit's pages before the current one, oldest first; the first is the landing page (UTM). */
  earlierUrls: z.array(z.string().min(1).max(2048)).max(100).optional(),
  referrer: z.string().max(2048).optional(),
  device: z.enum(['desktop', 'tablet', 'mobile']).optional(),
  browser: z.string().max(60).optional(),
  region: z.string().max(100).optional(),
  city: z.string().max(100).optional(),
  /** `Beckon.track()` events of the visit. */
  events: z
    .array(
      z.object({
        name: z.string().min(1).max(64),
        props: z
          .record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()]))
          .optional(),
      }),
    )
    .max(500)
    .optional(),
  exitIntent: z.boolean().optional(),
  scrollDepth: z.number().int().min(0).max(100).optional(),
  idleSeconds: z.number().int().min(0).max(86_400).optional(),
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
  'closed-hours',
  'nobody-available',
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
  /** A/B split of a live visitor: the variant id they see ('default' without variants) or 'holdout'. */
  assignment: z.string().optional(),
  actual: z.unknown().optional(),
  /** The earliest instant the rule could start matching from time passing alone, facts unchanged. */
  becomesTrueAt: z.number().optional(),
  /** A best-moment rule that matches and waits for a likelier moment: when it looks again. */
  waitingUntil: z.number().optional(),
});
export type ExplainRule = z.infer<typeof explainRuleSchema>;

/** A feature of the journey and how hard it pushes the predicted chance (log-odds; + up, − down). */
export const featurePushSchema = z.object({ feature: z.string(), weight: z.number() });

/**
 * The widget's acceptance model on this visitor (docs/smart-invitations.md): `off` (the widget's kill switch),
 * `not-ready` (fewer outcomes than it needs: rules behave as written) or `ready` with the chance in percent and the
 * features pushing it up and down the most.
 */
export const predictionViewSchema = z.object({
  state: z.enum(['ready', 'not-ready', 'off']),
  /** Outcomes (shown invitations accepted, dismissed or expired) the model has learnt from. */
  outcomes: z.number().int(),
  percent: z.number().optional(),
  up: z.array(featurePushSchema),
  down: z.array(featurePushSchema),
});
export type PredictionView = z.infer<typeof predictionViewSchema>;

export const explanationSchema = z.object({
  /** The instant evaluated at (epoch ms). */
  at: z.number(),
  fire: z.object({ ruleId: z.string(), ruleName: z.string(), message: z.string() }).optional(),
  /** Only when nothing fires: when the server would evaluate again, facts unchanged. */
  nextCheckAt: z.number().optional(),
  rules: z.array(explainRuleSchema),
  prediction: predictionViewSchema.optional(),
});
export type Explanation = z.infer<typeof explanationSchema>;

/**
 * How routing picks among a queue's eligible agents: `most-free` = highest free capacity, ties to the agent
 * offered work longest ago in this queue; `round-robin` = the agent offered work longest ago, whatever their load.
 */
export const assignmentMethodSchema = z.enum(['most-free', 'round-robin']);
export type AssignmentMethod = z.infer<typeof assignmentMethodSchema>;

/** `GET /v1/queues`: a queue with its routing settings and member agents. */
export const queueDetailSchema = queueSchema.extend({
  assignmentMethod: assignmentMethodSchema,
  /** Seconds an agent has to accept an offer; absent: the widget's `offerTimeoutSeconds` (120 by default). */
  offerTimeoutSeconds: z.number().int().optional(),
  /** Assign to the picked agent at once instead of offering (no accept step). */
  autoAssign: z.boolean(),
  memberIds: z.array(idSchema),
});
export type QueueDetail = z.infer<typeof queueDetailSchema>;

/** `POST /v1/queues` (admin). */
export const queueInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    assignmentMethod: assignmentMethodSchema.default('most-free'),
    offerTimeoutSeconds: z.number().int().min(10).max(3600).optional(),
    autoAssign: z.boolean().default(false),
    memberIds: z.array(idSchema).max(500).default([]),
  })
  .strict();
export type QueueInput = z.input<typeof queueInputSchema>;

/** `PATCH /v1/queues/:id` (admin): only the named fields change; `offerTimeoutSeconds: null` clears it. */
export const queuePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    assignmentMethod: assignmentMethodSchema.optional(),
    offerTimeoutSeconds: z.number().int().min(10).max(3600).nullable().optional(),
    autoAssign: z.boolean().optional(),
    memberIds: z.array(idSchema).max(500).optional(),
  })
  .strict();
export type QueuePatch = z.input<typeof queuePatchSchema>;
export const queuesResponseSchema = z.object({ queues: z.array(queueDetailSchema) });

/** `GET /v1/supervisor/overview` (supervisor, admin): the live floor, polled by the supervisor view. */
export const supervisorOverviewSchema = z.object({
  serverTime: z.number(),
  queues: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      waiting: z.number().int(),
      /** Seconds the oldest waiting conversation has waited; 0 when nobody waits. */
      longestWaitSeconds: z.number().int(),
      availableAgents: z.number().int(),
    }),
  ),
  agents: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      role: roleSchema,
      presence: presenceSchema,
      activeConversations: z.number().int(),
      capacity: z.number().int(),
    }),
  ),
  conversations: z.array(
    z.object({
      id: idSchema,
      status: z.enum(['waiting', 'active']),
      queueId: idSchema,
      agentId: idSchema.optional(),
      agentName: z.string().optional(),
      visitorName: z.string(),
      createdAt: z.number(),
    }),
  ),
  /** Invitations created since the start of today (UTC), by what became of them. */
  funnel: z.object({
    since: z.number(),
    shown: z.number().int(),
    accepted: z.number().int(),
    dismissed: z.number().int(),
    expired: z.number().int(),
    /** Still showing now. */
    pending: z.number().int(),
  }),
});
export type SupervisorOverview = z.infer<typeof supervisorOverviewSchema>;

/** `GET /v1/team` (any signed-in user): who can take a transfer. */
export const teamMemberSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  presence: presenceSchema,
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** `POST /v1/customers/import` (admin): CSV text with a header row (name, email, phone, company, externalId, active). */
export const customerImportBodySchema = z.object({ csv: z.string().min(1).max(1_000_000) }).strict();
export const customerImportResultSchema = z.object({
  imported: z.number().int(),
  /** Per data row that was not imported: its line number in the file (the header is line 1) and why. */
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type CustomerImportResult = z.infer<typeof customerImportResultSchema>;

/**
 * Quick replies: canned answers admins manage and agents insert. `text` may use message variables
 * (`{{visitor.firstName | there}}`, message-template.ts), filled in by the server for a conversation
 * (`GET /v1/conversations/:id/quick-replies`); the older {visitor.name}, {visitor.email} and {agent.name} are
 * filled in by the console.
 */
export const quickReplySchema = z.object({ id: idSchema, title: z.string(), text: z.string() });
export type QuickReply = z.infer<typeof quickReplySchema>;
export const quickReplyInputSchema = z
  .object({
    title: z.string().trim().min(1).max(80),
    text: z.string().trim().pipe(messageTemplateSchema(limits.messageMaxLength)),
  })
  .strict();
export type QuickReplyInput = z.input<typeof quickReplyInputSchema>;
/** `POST /v1/users` (admin): a new account with its routing capacity; it joins the listed queues. */
/** Shortest password accepted when one is set (created, reset, changed): NIST SP 800-63B's minimum. */
export const passwordMinLength = 8;
const newPasswordSchema = z.string().min(passwordMinLength).max(200);

/** `PUT /v1/users/:id/role` (admin). */
export const userRoleBodySchema = z.object({ role: roleSchema }).strict();
export type UserRoleBody = z.infer<typeof userRoleBodySchema>;
/** `PUT /v1/users/:id/status` (admin): a disabled account cannot sign in and its sessions end. */
export const userStatusBodySchema = z.object({ status: z.enum(['active', 'disabled']) }).strict();
export type UserStatusBody = z.infer<typeof userStatusBodySchema>;
/** `POST /v1/users/:id/password-reset` (admin): a temporary password the user must change at next sign-in. */
export const passwordResetBodySchema = z.object({ temporaryPassword: newPasswordSchema }).strict();
export type PasswordResetBody = z.infer<typeof passwordResetBodySchema>;
/** `POST /v1/account/password`: the signed-in user changes their own password. */
export const changePasswordBodySchema = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: newPasswordSchema })
  .strict();
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;
/** `GET /v1/account`: the signed-in user and what their account requires. */
export const accountSchema = z.object({
  user: userSchema,
  passwordChangeRequired: z.boolean(),
  twoFactorEnabled: z.boolean(),
  /** The user's role must use two-factor sign-in and they have not enrolled: enrol before anything else. */
  twoFactorEnrolmentRequired: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;

/** `POST /v1/auth/login`: signed in (the cookie is set), or the password was right and a code comes next. */
export const loginResponseSchema = z.union([
  z.object({ user: userSchema, passwordChangeRequired: z.boolean() }),
  z.object({ twoFactorRequired: z.literal(true), challenge: z.string() }),
]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;
/** `POST /v1/auth/login/two-factor`: a 6-digit code from the authenticator app or a recovery code. */
export const twoFactorLoginBodySchema = z
  .object({ challenge: z.string().min(1).max(100), code: z.string().trim().min(6).max(32) })
  .strict();
export type TwoFactorLoginBody = z.infer<typeof twoFactorLoginBodySchema>;
/** `POST /v1/account/two-factor/setup`: the secret to enrol, also as an `otpauth://` URI for a QR code. */
export const twoFactorSetupSchema = z.object({ secret: z.string(), uri: z.string() });
export type TwoFactorSetup = z.infer<typeof twoFactorSetupSchema>;
/** `POST /v1/account/two-factor/confirm`: a code from the app confirms the enrolment. */
export const twoFactorConfirmBodySchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/),
  })
  .strict();
export type TwoFactorConfirmBody = z.infer<typeof twoFactorConfirmBodySchema>;
/** The single-use recovery codes, shown once when two-factor sign-in is turned on. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;
/** `POST /v1/account/two-factor/disable`: the current password turns two-factor sign-in off. */
export const twoFactorDisableBodySchema = z.object({ password: z.string().min(1).max(200) }).strict();
export type TwoFactorDisableBody = z.infer<typeof twoFactorDisableBodySchema>;
/** `GET`/`PUT /v1/users/two-factor-policy` (admin): the roles whose users must use two-factor sign-in. */
export const twoFactorPolicySchema = z.object({ roles: z.array(roleSchema).max(3) }).strict();
export type TwoFactorPolicy = z.infer<typeof twoFactorPolicySchema>;

export const createUserBodySchema = z
  .object({
    email: z.string().email().max(254),
    name: z.string().trim().min(1).max(100),
    role: roleSchema,
    password: newPasswordSchema,
    capacity: z.number().int().min(0).max(50).optional(),
    queueIds: z.array(idSchema).max(100).optional(),
  })
  .strict();
export type CreateUserBody = z.infer<typeof createUserBodySchema>;
/** `POST /v1/rules/:id/preview`: a link that shows the (draft) rule on the live site to its holder only. */
export const rulePreviewSchema = z.object({
  token: z.string(),
  expiresAt: z.number(),
  /** Add to any page URL of the site: `?beckon_preview=TOKEN` (or `&…`). */
  parameter: z.string(),
});
export type RulePreview = z.infer<typeof rulePreviewSchema>;

/* ---- Funnel analytics ---- */

/** The last instant a JavaScript Date can hold (epoch ms); a later one has no calendar day. */
const lastDateMs = 8_640_000_000_000_000;

/** `GET /v1/widgets/:id/funnel?from=&to=`: epoch ms, `to` exclusive; at most 366 days. */
export const funnelQuerySchema = z
  .object({
    from: z.coerce.number().int().min(0).max(lastDateMs),
    to: z.coerce.number().int().min(0).max(lastDateMs),
  })
  .refine((query) => query.to > query.from && query.to - query.from <= 366 * 86_400_000, {
    message: 'need from < to, at most 366 days apart',
  });

export const funnelStepsSchema = z.object({
  /** Would-be invitations: shown plus held back for the holdout. */
  invited: z.number(),
  shown: z.number(),
  held: z.number(),
  accepted: z.number(),
  dismissed: z.number(),
  expired: z.number(),
  /** Chats from these invitations that an agent took. */
  agentAccepted: z.number(),
  /** Chats from these invitations that ended. */
  ended: z.number(),
  /** accepted ÷ shown, when anything was shown. */
  acceptanceRate: z.number().optional(),
  /** Median seconds from shown to accepted. */
  medianSecondsToAccept: z.number().optional(),
  /** Average post-chat CSAT score of these chats, when CSAT is stored. */
  csatAverage: z.number().optional(),
  csatCount: z.number(),
});
export type FunnelSteps = z.infer<typeof funnelStepsSchema>;

/** Shown invitations of one kind (smart or static) and what became of them. */
export const smartSplitStepsSchema = z.object({
  shown: z.number(),
  accepted: z.number(),
  dismissed: z.number(),
  expired: z.number(),
  /** Chats from these invitations that an agent took. */
  chats: z.number(),
  /** accepted ÷ shown, when anything was shown. */
  acceptanceRate: z.number().optional(),
});
export type SmartSplitSteps = z.infer<typeof smartSplitStepsSchema>;

/**
 * Invitations side by side: `smart` when the rule used the acceptance model as it made them (a prediction
 * condition or best moment, with a ready model), `static` otherwise (rules without them, cold start, kill switch).
 */
export const smartSplitSchema = z.object({
  smart: smartSplitStepsSchema,
  static: smartSplitStepsSchema,
});
export type SmartSplit = z.infer<typeof smartSplitSchema>;

export const ruleFunnelSchema = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  /** Times the engine evaluated the rule in the period (whole UTC days overlapping it). */
  evaluated: z.number(),
  total: funnelStepsSchema,
  /** One entry per A/B side seen: a variant id, 'default', or 'holdout'. */
  variants: z.array(funnelStepsSchema.extend({ variant: z.string() })),
  /** The rule's shown invitations, smart against static. */
  smartSplit: smartSplitSchema,
  /** Holdout against invited visitors: share who started a chat within 30 minutes. */
  holdout: z
    .object({
      heldVisitors: z.number(),
      heldChatted: z.number(),
      invitedVisitors: z.number(),
      invitedChatted: z.number(),
      heldChatRate: z.number().optional(),
      invitedChatRate: z.number().optional(),
      /** Two-sided two-proportion z-test; absent when either group is empty. */
      pValue: z.number().optional(),
    })
    .optional(),
  /** With two or more message variants: what the optimiser knows of each, for the rule's objective. */
  optimisation: z
    .object({
      /** The rule allocates its variants by Thompson sampling (`split.optimise`). */
      optimising: z.boolean(),
      /** The rule's objective (`split.objective`; invitation accepted when it names none). */
      objective: ruleObjectiveSchema,
      variants: z.array(
        z.object({
          variant: z.string(),
          shown: z.number(),
          accepted: z.number(),
          /** Invitations that reached the objective (for `accepted`, the same as `accepted`). */
          reached: z.number(),
          /** Posterior mean of the objective's rate (Beta(1 + reached, 1 + shown − reached)). */
          mean: z.number(),
          /** 95 % credible interval. */
          low: z.number(),
          high: z.number(),
          /** Chance that this variant has the highest acceptance rate. */
          probabilityBest: z.number(),
        }),
      ),
      /** Invitations shown per UTC day and variant: the traffic share over time. */
      shownByDay: z.array(z.object({ day: z.string(), shown: z.record(z.string(), z.number()) })),
      /**
       * Invited minus holdout visitors' rate of the objective, with its 95 % credible interval, when there is a
       * holdout. A holdout visitor has no invitation to accept, so for `accepted` it is the chat rate (any chat
       * within 30 minutes); for `chat` a chat an agent answered within 30 minutes; for `event` the event tracked
       * within the window. Counted per visitor from their first invitation (or held one) of the period.
       */
      uplift: z
        .object({
          difference: z.number(),
          low: z.number(),
          high: z.number(),
          heldVisitors: z.number(),
          heldReached: z.number(),
          invitedVisitors: z.number(),
          invitedReached: z.number(),
        })
        .optional(),
    })
    .optional(),
});
export type RuleFunnel = z.infer<typeof ruleFunnelSchema>;

export const funnelSchema = z.object({
  from: z.number(),
  to: z.number(),
  rules: z.array(ruleFunnelSchema),
  /** Every rule's shown invitations together, smart against static. */
  smartSplit: smartSplitSchema,
});
export type Funnel = z.infer<typeof funnelSchema>;
