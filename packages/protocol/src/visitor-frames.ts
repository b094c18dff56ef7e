import { z } from 'zod';
import { boundedRecord } from './bounded-record.ts';
import { rawContextSchema } from './context.ts';
import { draftMaxLength } from './draft-signal.ts';
import {
  chatMessageSchema,
  conversationStatusSchema,
  deviceSchema,
  errorFrameSchema,
  idSchema,
  invitationViewSchema,
  messageAckFrameSchema,
  messageFrameSchema,
  pageInfoSchema,
  pongFrameSchema,
  prechatFieldSchema,
  receiptStatusSchema,
} from './entities.ts';
import { frameLimits } from './frame-limits.ts';
import { isEmailAddress, leftMessageLimits } from './left-message.ts';
import { limits } from './limits.ts';
import {
  agentAvailabilitySchema,
  chatSurveyInputSchema,
  hoursStatusSchema,
  invitationLookSchema,
} from './widget-features.ts';

/** Frames the widget sends on `/v1/visitor?key=WIDGET_KEY`. Every frame has a literal `type`. */
const prechatAnswers = boundedRecord(
  frameLimits.prechatMaxAnswers,
  z.record(z.string().max(40), z.string().max(500)),
);

const emailAddressSchema = z
  .string()
  .trim()
  .min(1)
  .max(leftMessageLimits.emailMaxLength)
  .refine(isEmailAddress, 'not an e-mail address');

export const visitorHelloSchema = z.object({
  type: z.literal('hello'),
  /** First-party id kept by the widget in localStorage; the server issues one when absent. */
  visitorId: idSchema.optional(),
  /** The visitor's secret credential, issued in the `welcome` that created the visitor. A `visitorId` without
   * the right secret is ignored: the server makes a new visitor. */
  secret: z.string().min(16).max(128).optional(),
  /** Beckon's chat window only: the single-use token the opener's socket asked for (`handover.request`), and the
   * opener's origin as the window's `message` event saw it. Gives the window the opener's visitor. */
  handover: z.object({ token: z.string().min(16).max(128), origin: z.string().max(200) }).optional(),
  page: pageInfoSchema,
  language: z.string().min(2).max(35),
  timeZone: z.string().max(64).optional(),
  device: deviceSchema,
  context: rawContextSchema.optional(),
  /** Last message sequence number the widget has shown, to resume without loss or duplicates. */
  lastSeq: z.number().int().min(0).optional(),
  /** The page called `Beckon.consent(true)` (remembered): journey tracking is allowed on a consent-mode widget. */
  consent: z.boolean().optional(),
  /** Rule preview token from the page URL (`?beckon_preview=`): shows that draft rule to this browser only. */
  preview: z.string().min(1).max(128).optional(),
  /** The protocol version the widget speaks (protocol-version.ts); absent = 1. Any version parses, so a server
   * that does not speak it can say so with its own code rather than a validation failure. */
  protocolVersion: z.number().int().min(1).max(1_000_000).optional(),
});

export const visitorClientFrameSchema = z.discriminatedUnion('type', [
  visitorHelloSchema,
  z.object({ type: z.literal('page'), page: pageInfoSchema }),
  z.object({ type: z.literal('context.update'), context: rawContextSchema }),
  z.object({ type: z.literal('auth.token'), token: z.string().min(1).max(8192) }),
  z.object({
    type: z.literal('invitation.accept'),
    invitationId: idSchema,
    prechat: prechatAnswers.optional(),
  }),
  z.object({ type: z.literal('invitation.dismiss'), invitationId: idSchema }),
  /** `startProactiveChat` from page code. */
  z.object({
    type: z.literal('invitation.request'),
    message: z.string().min(1).max(500).optional(),
    showPrechat: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('chat.start'),
    prechat: prechatAnswers.optional(),
    context: rawContextSchema.optional(),
  }),
  z.object({
    type: z.literal('message.send'),
    clientMsgId: z.string().min(1).max(64),
    text: z.string().min(1).max(limits.messageMaxLength),
  }),
  z.object({ type: z.literal('chat.close') }),
  z.object({ type: z.literal('ping') }),
  /** `Beckon.track(name, props)`: a custom event for the `event` rule condition. */
  z.object({
    type: z.literal('track'),
    name: z.string().min(1).max(64),
    props: boundedRecord(
      frameLimits.trackMaxProps,
      z.record(
        z.string().max(frameLimits.trackMaxPropKeyLength),
        z.union([z.string().max(frameLimits.trackMaxPropValueLength), z.number(), z.boolean()]),
      ),
    ).optional(),
  }),
  /** `Beckon.consent(granted)` on a consent-mode widget: journey tracking starts (or stops) now. */
  z.object({ type: z.literal('consent'), granted: z.boolean() }),
  /** `getAgentAvailability()`: answered with one `availability` frame. */
  z.object({ type: z.literal('availability.request') }),
  /** `startChat({ inNewWindow: true })`: a token for Beckon's chat window (answered with one `handover` frame). */
  z.object({ type: z.literal('handover.request') }),
  /** The post-chat survey of an ended conversation of this visitor (once per conversation). */
  chatSurveyInputSchema.extend({ type: z.literal('survey.submit'), conversationId: idSchema }),
  /**
   * The visitor is (or stopped) typing in the open chat; sent at most every few seconds. With sneak peek on, also
   * the text so far (at most once a second); the server drops it when the widget's sneak peek is off.
   */
  z.object({
    type: z.literal('typing'),
    typing: z.boolean(),
    draft: z.string().max(draftMaxLength).optional(),
  }),
  /** The "leave a message" form: stored in the queue (the waiting chat, if any) and answered by e-mail. */
  z.object({
    type: z.literal('message.leave'),
    name: z.string().trim().min(1).max(leftMessageLimits.nameMaxLength),
    email: emailAddressSchema,
    text: z.string().trim().min(1).max(leftMessageLimits.textMaxLength),
  }),
  /**
   * E-mail the transcript of one of this visitor's conversations to `email` (`Beckon.emailTranscript`, the ended
   * chat's form). `language` (`en`, `fr`, or a BCP 47 tag) overrides the widget's language for the mail.
   */
  z.object({
    type: z.literal('transcript.email'),
    conversationId: idSchema,
    email: emailAddressSchema,
    language: z.string().min(2).max(35).optional(),
  }),
  /** The widget received (or showed, in a visible pane) the agent's messages up to `seq`. */
  z.object({
    type: z.literal('message.receipt'),
    conversationId: idSchema,
    seq: z.number().int().min(1),
    status: receiptStatusSchema,
  }),
  /**
   * Browser signals for the current page view (loader signals.ts, throttled): `exit` the pointer left towards
   * the browser's chrome, `scroll` the deepest scroll so far in percent (`value`), `active` the visitor moved,
   * scrolled, typed or touched.
   */
  z.object({
    type: z.literal('signal'),
    kind: z.enum(['exit', 'scroll', 'active']),
    value: z.number().min(0).max(100).optional(),
  }),
]);
export type VisitorClientFrame = z.infer<typeof visitorClientFrameSchema>;
export type VisitorClientFrameType = VisitorClientFrame['type'];

export const widgetPublicConfigSchema = z.object({
  name: z.string(),
  title: z.string(),
  color: z.string(),
  locale: z.string(),
  prechatFields: z.array(prechatFieldSchema),
  /** Journey tracking waits for `Beckon.consent(true)`. */
  consentRequired: z.boolean().optional(),
  /** Present when the widget has operating hours. */
  hours: hoursStatusSchema.optional(),
  /** How the invitation looks: who it speaks as and its accept button's wording per language. */
  invitation: invitationLookSchema.optional(),
  /** Agents see what the visitor types before it is sent: the pane says so and sends drafts. */
  sneakPeek: z.boolean().optional(),
});
export type WidgetPublicConfig = z.infer<typeof widgetPublicConfigSchema>;

export const visitorConversationSchema = z.object({
  id: idSchema,
  status: conversationStatusSchema,
  agentName: z.string().optional(),
  /** The agent has read the visitor's messages up to this seq (in the `welcome`; then `message.read`). */
  readSeq: z.number().int().optional(),
  /** The visitor left a message here (the reply goes by e-mail too). */
  leftMessage: z.boolean().optional(),
});
export type VisitorConversation = z.infer<typeof visitorConversationSchema>;

export const visitorServerFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    /** The visitor's public id: what agents, logs and the API see. */
    visitorId: idSchema,
    /** Only in the welcome that created the visitor: the secret to send in every later hello (kept where the id
     * is kept). The server keeps only its hash and never sends it again. */
    secret: z.string().optional(),
    serverTime: z.number(),
    widget: widgetPublicConfigSchema,
    conversation: visitorConversationSchema.optional(),
    /** Messages after the hello's `lastSeq` (all of them when it was absent). */
    messages: z.array(chatMessageSchema),
    invitation: invitationViewSchema.optional(),
  }),
  /** The answer to `handover.request`: single use, valid for `expiresAt` (server clock, at most 60 s). */
  z.object({ type: z.literal('handover'), token: z.string(), expiresAt: z.number() }),
  z.object({ type: z.literal('invitation.show'), invitation: invitationViewSchema, serverTime: z.number() }),
  z.object({
    type: z.literal('invitation.closed'),
    invitationId: idSchema,
    /** `withdrawn`: the inviting agent took it back. */
    reason: z.enum(['accepted', 'dismissed', 'expired', 'withdrawn']),
  }),
  z.object({ type: z.literal('conversation.update'), conversation: visitorConversationSchema }),
  /** Where a waiting conversation stands in its queue (1 = next), sent whenever the queue changes. */
  z.object({
    type: z.literal('queue.position'),
    conversationId: idSchema,
    position: z.number().int().min(1),
    estimatedWaitSeconds: z.number().int().min(0).optional(),
  }),
  /**
   * Nobody can answer the visitor's waiting chat now (no agent of its queue available, or closed): the widget
   * offers the "leave a message" form instead of a queue position.
   */
  z.object({ type: z.literal('leave.offer'), conversationId: idSchema.optional() }),
  /** The left message was stored (`conversationId`); a copy goes to `email` when mail is configured. */
  z.object({ type: z.literal('message.left'), conversationId: idSchema, email: z.string() }),
  messageFrameSchema,
  messageAckFrameSchema,
  errorFrameSchema,
  pongFrameSchema,
  agentAvailabilitySchema.extend({ type: z.literal('availability') }),
  /** The agent is (or stopped) typing in this conversation. */
  z.object({ type: z.literal('typing'), conversationId: idSchema, typing: z.boolean() }),
  /** The post-chat survey of this conversation was stored. */
  z.object({ type: z.literal('survey.saved'), conversationId: idSchema }),
  /** The transcript e-mail to `email` is queued: sent within seconds, retried for about an hour if refused. */
  z.object({ type: z.literal('transcript.queued'), conversationId: idSchema, email: z.string() }),
  /** The agent has read the visitor's messages up to `seq`. */
  z.object({ type: z.literal('message.read'), conversationId: idSchema, seq: z.number().int().min(1) }),
]);
export type VisitorServerFrame = z.infer<typeof visitorServerFrameSchema>;
