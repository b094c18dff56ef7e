import { z } from 'zod';
import { draftMaxLength } from './draft-signal.ts';
import {
  chatMessageSchema,
  conversationDetailSchema,
  conversationStatusSchema,
  customerMatchSchema,
  errorFrameSchema,
  idSchema,
  messageAckFrameSchema,
  messageFrameSchema,
  offerSchema,
  pongFrameSchema,
  presenceSchema,
  receiptStatusSchema,
  roleSchema,
  wrapUpOutcomeSchema,
} from './entities.ts';
import { limits } from './limits.ts';
import { liveVisitorClientFrames, liveVisitorServerFrames } from './live-visitors.ts';

/** Frames the console sends on `/v1/agent` (authenticated by the session cookie). */
export const agentClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('presence.set'), status: presenceSchema }),
  z.object({ type: z.literal('offer.accept'), offerId: idSchema }),
  z.object({ type: z.literal('offer.reject'), offerId: idSchema }),
  z.object({
    type: z.literal('message.send'),
    conversationId: idSchema,
    clientMsgId: z.string().min(1).max(64),
    text: z.string().min(1).max(limits.messageMaxLength),
  }),
  z.object({ type: z.literal('conversation.end'), conversationId: idSchema }),
  /** Ask for messages after `afterSeq` (reconnect catch-up). */
  z.object({
    type: z.literal('conversation.sync'),
    conversationId: idSchema,
    afterSeq: z.number().int().min(0),
  }),
  z.object({ type: z.literal('ping') }),
  /** The agent is (or stopped) typing in this conversation; throttled by the console. */
  z.object({ type: z.literal('typing'), conversationId: idSchema, typing: z.boolean() }),
  /** Hand an active conversation to another queue (it waits there) or straight to another agent. */
  z.object({
    type: z.literal('conversation.transfer'),
    conversationId: idSchema,
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('queue'), queueId: idSchema }),
      z.object({ kind: z.literal('agent'), agentId: idSchema }),
    ]),
  }),
  /** Close off an ended conversation: the outcome and notes are stored. */
  z.object({
    type: z.literal('conversation.wrapUp'),
    conversationId: idSchema,
    outcome: wrapUpOutcomeSchema,
    notes: z.string().max(limits.messageMaxLength).default(''),
  }),
  /** Supervisor or admin: watch a conversation without the visitor or the agent being told. */
  z.object({ type: z.literal('conversation.join'), conversationId: idSchema }),
  /** The assigned agent has seen the visitor's messages up to `seq` (on screen, in a visible tab). */
  z.object({ type: z.literal('conversation.read'), conversationId: idSchema, seq: z.number().int().min(1) }),
  ...liveVisitorClientFrames,
]);
export type AgentClientFrame = z.infer<typeof agentClientFrameSchema>;

export const agentServerFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('agent.state'),
    serverTime: z.number(),
    agent: z.object({ id: idSchema, name: z.string(), role: roleSchema }),
    presence: presenceSchema,
    offers: z.array(offerSchema),
    conversations: z.array(conversationDetailSchema),
    /** Ended conversations of the last 24 hours still waiting for this agent's wrap-up. */
    awaitingWrapUp: z.array(conversationDetailSchema).optional(),
  }),
  z.object({ type: z.literal('presence'), status: presenceSchema }),
  z.object({ type: z.literal('offer.new'), offer: offerSchema, serverTime: z.number() }),
  z.object({
    type: z.literal('offer.closed'),
    offerId: idSchema,
    reason: z.enum(['accepted', 'rejected', 'expired', 'withdrawn']),
  }),
  z.object({ type: z.literal('conversation.opened'), conversation: conversationDetailSchema }),
  z.object({
    type: z.literal('conversation.update'),
    conversationId: idSchema,
    status: conversationStatusSchema,
  }),
  z.object({ type: z.literal('customer.match'), conversationId: idSchema, match: customerMatchSchema }),
  messageFrameSchema,
  messageAckFrameSchema,
  z.object({ type: z.literal('messages'), conversationId: idSchema, messages: z.array(chatMessageSchema) }),
  errorFrameSchema,
  pongFrameSchema,
  /** The visitor is (or stopped) typing in this conversation; with the widget's sneak peek, what they typed so far. */
  z.object({
    type: z.literal('typing'),
    conversationId: idSchema,
    typing: z.boolean(),
    draft: z.string().max(draftMaxLength).optional(),
  }),
  /** The visitor answered the post-chat survey. */
  z.object({
    type: z.literal('survey'),
    conversationId: idSchema,
    rating: z.number().int().min(1).max(5),
    comment: z.string().optional(),
  }),
  /** The conversation left this agent's workspace (it was transferred away, or a watch ended). */
  z.object({
    type: z.literal('conversation.closed'),
    conversationId: idSchema,
    reason: z.enum(['transferred']),
  }),
  /** The wrap-up is stored: the conversation leaves the agent's wrap-up list. */
  z.object({ type: z.literal('conversation.wrappedUp'), conversationId: idSchema }),
  /** The visitor's widget received or showed this conversation's agent messages up to `seq`. */
  z.object({
    type: z.literal('message.receipt'),
    conversationId: idSchema,
    seq: z.number().int(),
    status: receiptStatusSchema,
  }),
  /** A supervisor's silent view of a conversation: its detail now, then its messages as they come. */
  z.object({ type: z.literal('conversation.watching'), conversation: conversationDetailSchema }),
  ...liveVisitorServerFrames,
]);
export type AgentServerFrame = z.infer<typeof agentServerFrameSchema>;
