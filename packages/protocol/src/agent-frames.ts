import { z } from 'zod';
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
  roleSchema,
} from './entities.ts';
import { limits } from './limits.ts';

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
]);
export type AgentServerFrame = z.infer<typeof agentServerFrameSchema>;
