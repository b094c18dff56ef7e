import { z } from 'zod';
import { contextSchema } from './context.ts';
import { limits } from './limits.ts';

export const idSchema = z.string().min(1).max(64);

export const deviceSchema = z.object({
  type: z.enum(['desktop', 'tablet', 'mobile']),
  browser: z.string().max(60).optional(),
  os: z.string().max(60).optional(),
});
export type Device = z.infer<typeof deviceSchema>;

export const pageInfoSchema = z.object({
  url: z.string().url().max(limits.urlMaxLength),
  title: z.string().max(limits.titleMaxLength).default(''),
  referrer: z.string().max(limits.urlMaxLength).optional(),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

export const locationSchema = z.object({
  country: z.string().optional(),
  region: z.string().optional(),
  city: z.string().optional(),
});
export type Location = z.infer<typeof locationSchema>;

/** `bot`: the widget speaking in its own name (its display name), e.g. the invitation that opened the chat. */
export const messageAuthorSchema = z.enum(['visitor', 'agent', 'system', 'bot']);

/**
 * A file sent in a conversation. Its bytes are fetched over HTTP (docs/protocol.md, Files); the message that
 * carries it also has a text (`📎 name (size)` and the caption) for clients that do not know attachments.
 */
export const attachmentSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** Read from the file's bytes by the server, never the sender's claim. */
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** Images only: their size in pixels after re-encoding. */
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const chatMessageSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  /** Per-conversation sequence number, from 1, with no gaps. */
  seq: z.number().int().positive(),
  author: messageAuthorSchema,
  authorName: z.string().optional(),
  text: z.string(),
  clientMsgId: z.string().optional(),
  createdAt: z.number(),
  attachment: attachmentSchema.optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const conversationStatusSchema = z.enum(['waiting', 'active', 'ended']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const customerRecordSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  company: z.string().optional(),
  externalId: z.string().optional(),
  active: z.boolean(),
});
export type CustomerRecord = z.infer<typeof customerRecordSchema>;

/** How a customer match was made: a site-signed token, the visitor's pre-chat answers, or an agent's link. */
export const customerVerificationSchema = z.enum(['verified', 'unverified', 'agent']);
export type CustomerVerification = z.infer<typeof customerVerificationSchema>;

/**
 * 1 match → linked, several → the agent picks, 0 → create or link. `verification` says how the match was made:
 * `verified` by a site-signed token, `unverified` from the visitor's pre-chat answers, `agent` linked by hand.
 * An unverified match's records carry only their id and what the visitor typed: the server sends the rest (the
 * record's name, phone, company, external id) only once an agent links the record.
 */
export const customerMatchSchema = z.object({
  status: z.enum(['linked', 'ambiguous', 'none']),
  method: z.enum(['jwt', 'prechat', 'manual']).optional(),
  verification: customerVerificationSchema.optional(),
  customer: customerRecordSchema.optional(),
  candidates: z.array(customerRecordSchema),
  /**
   * `none` only: a record made of the visitor's pre-chat answers (a name, or an e-mail), for the agent to create
   * in one click (`POST /v1/conversations/:id/customer/proposed`).
   */
  proposed: z
    .object({ name: z.string(), email: z.string().optional(), phone: z.string().optional() })
    .optional(),
});
export type CustomerMatch = z.infer<typeof customerMatchSchema>;

/**
 * How a conversation started: a rule's invitation, the page's `startProactiveChat`, the visitor opening the chat
 * themselves, a message left when nobody could answer (answered by e-mail), or (reserved) an agent's invitation.
 */
export const conversationOriginSchema = z.object({
  kind: z.enum(['rule', 'page', 'visitor', 'agent', 'left-message']),
  ruleId: z.string().optional(),
  ruleName: z.string().optional(),
  agentId: z.string().optional(),
  agentName: z.string().optional(),
});
export type ConversationOrigin = z.infer<typeof conversationOriginSchema>;

/** Frozen when the conversation starts: what the Additional details tab shows. */
export const contextSnapshotSchema = z.object({
  startUrl: z.string(),
  startTitle: z.string(),
  timeOnPageMs: z.number(),
  timeOnSiteMs: z.number(),
  pagesViewed: z.number(),
  visitNumber: z.number(),
  referrer: z.string().optional(),
  language: z.string(),
  device: deviceSchema,
  location: locationSchema,
  authenticated: z.boolean(),
  ruleId: z.string().optional(),
  ruleName: z.string().optional(),
  invitationId: z.string().optional(),
  /** How the chat started; absent on chats stored before it was recorded. */
  origin: conversationOriginSchema.optional(),
  /** The accepted invitation's text (also the conversation's first message). */
  invitationText: z.string().optional(),
  custom: contextSchema,
  prechat: z.record(z.string(), z.string()).optional(),
  journey: z.array(z.object({ url: z.string(), title: z.string(), at: z.number() })),
  /** The visit's `Beckon.track()` events before the chat, oldest first (the latest 50). Absent on older chats. */
  events: z
    .array(
      z.object({
        name: z.string(),
        props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        at: z.number(),
      }),
    )
    .optional(),
});
export type ContextSnapshot = z.infer<typeof contextSnapshotSchema>;

export const offerSummarySchema = z.object({
  title: z.string(),
  customerName: z.string(),
  /** How the conversation's customer match was made; absent when nothing matched. */
  customerVerification: customerVerificationSchema.optional(),
  startUrl: z.string(),
  timeOnPageMs: z.number(),
  ruleName: z.string().optional(),
  /** How the chat started; absent on chats stored before it was recorded. */
  origin: conversationOriginSchema.optional(),
  /** The accepted invitation's text, when an invitation started the chat. */
  invitationText: z.string().optional(),
  language: z.string(),
  device: z.string(),
  waitingSince: z.number(),
});

export const offerSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  createdAt: z.number(),
  expiresAt: z.number(),
  summary: offerSummarySchema,
});
export type Offer = z.infer<typeof offerSchema>;

export const conversationDetailSchema = z.object({
  id: idSchema,
  status: conversationStatusSchema,
  createdAt: z.number(),
  visitorId: idSchema,
  visitorName: z.string().optional(),
  agentId: z.string().optional(),
  context: contextSnapshotSchema,
  customer: customerMatchSchema,
  messages: z.array(chatMessageSchema),
  /** How far the visitor's widget has received and shown the agent's messages (seq numbers, 0 = none). */
  receipts: z
    .object({
      delivered: z.number().int(),
      read: z.number().int(),
      /** How far the assigned agent has read the visitor's messages. */
      agentRead: z.number().int().optional(),
    })
    .optional(),
});
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

/** `inactive` is set by routing after missed offers; the agent leaves it by choosing another status. */
export const presenceSchema = z.enum(['available', 'busy', 'dnd', 'away', 'offline', 'inactive']);
export type Presence = z.infer<typeof presenceSchema>;

export const roleSchema = z.enum(['admin', 'supervisor', 'agent']);
export type Role = z.infer<typeof roleSchema>;

export const prechatFieldSchema = z.object({
  name: z.string().min(1).max(40),
  label: z.string().min(1).max(120),
  kind: z.enum(['text', 'email', 'tel']),
  required: z.boolean(),
  /** Which customer-record field this answer is matched against. */
  mapsTo: z.enum(['name', 'email', 'phone']).optional(),
});
export type PrechatField = z.infer<typeof prechatFieldSchema>;

export const invitationViewSchema = z.object({
  id: idSchema,
  message: z.string(),
  expiresAt: z.number(),
  source: z.enum(['rule', 'page', 'agent']),
  showPrechat: z.boolean(),
  /** Who the invitation speaks as: the widget's display name (and avatar), or the inviting agent. */
  author: z.object({ name: z.string(), avatarUrl: z.string().optional() }).optional(),
  /** The accept button's wording the admin set for the widget's language here; absent = the widget's own. */
  acceptLabel: z.string().optional(),
});
export type InvitationView = z.infer<typeof invitationViewSchema>;

/** Frames both sockets share. */
export const messageFrameSchema = z.object({ type: z.literal('message'), message: chatMessageSchema });
export const messageAckFrameSchema = z.object({
  type: z.literal('message.ack'),
  clientMsgId: z.string(),
  messageId: idSchema,
  seq: z.number(),
});
export const errorFrameSchema = z.object({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
  /** The `type` of the frame that caused it, when known. */
  ref: z.string().optional(),
  details: z.unknown().optional(),
});
export const pongFrameSchema = z.object({ type: z.literal('pong'), serverTime: z.number() });

/** How a conversation ended, as the agent records it in the wrap-up. */
export const wrapUpOutcomeSchema = z.enum(['resolved', 'unresolved', 'follow-up', 'no-response']);
export type WrapUpOutcome = z.infer<typeof wrapUpOutcomeSchema>;

/** A client reports it received (`delivered`) or showed (`read`) the other side's messages up to `seq`. */
export const receiptStatusSchema = z.enum(['delivered', 'read']);
