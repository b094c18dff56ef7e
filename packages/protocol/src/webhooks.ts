import { z } from 'zod';
import { idSchema } from './entities.ts';

/** The events a webhook endpoint can subscribe to; docs/webhooks.md describes each payload. */
export const webhookEventTypes = [
  'conversation.started',
  'conversation.assigned',
  'conversation.ended',
  'message.created',
  'invitation.shown',
  'invitation.accepted',
  'invitation.dismissed',
  'invitation.expired',
  'visitor.identified',
  'left_message.created',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
export const webhookEventTypeSchema = z.enum(webhookEventTypes);

/** What bounds webhooks: endpoints per installation, a URL's length, a payload's size. */
export const webhookLimits = {
  maxEndpoints: 20,
  urlMaxLength: 2048,
  /** A payload larger than this (serialised, in bytes) has its message text cut down before it is stored. */
  payloadMaxBytes: 16 * 1024,
  descriptionMaxLength: 200,
} as const;

const webhookUrlSchema = z
  .string()
  .trim()
  .max(webhookLimits.urlMaxLength)
  .url()
  .refine((url) => /^https?:\/\//i.test(url), 'The URL must start with https:// (or http:// where allowed).');

/** `POST /v1/webhooks`: a new endpoint; its secret is generated and shown once in the answer. */
export const webhookCreateSchema = z
  .object({
    url: webhookUrlSchema,
    description: z.string().trim().max(webhookLimits.descriptionMaxLength).default(''),
    events: z.array(webhookEventTypeSchema).min(1).max(webhookEventTypes.length),
    enabled: z.boolean().default(true),
  })
  .strict();
export type WebhookCreate = z.infer<typeof webhookCreateSchema>;

/** `PATCH /v1/webhooks/:id`: any of the fields; enabling a disabled endpoint clears its failure streak. */
export const webhookUpdateSchema = webhookCreateSchema
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Change at least one field.');
export type WebhookUpdate = z.infer<typeof webhookUpdateSchema>;

export const webhookEndpointSchema = z.object({
  id: idSchema,
  url: z.string(),
  description: z.string(),
  events: z.array(webhookEventTypeSchema),
  enabled: z.boolean(),
  /** Why Beckon switched it off itself (`failing`: every attempt failed for too long), when it did. */
  disabledReason: z.enum(['failing']).nullable(),
  /** When the current run of failed attempts began; null after a success. */
  failingSince: z.number().int().nullable(),
  createdAt: z.number().int(),
  /** When the previous secret stops being used to sign, after a rotation. */
  previousSecretExpiresAt: z.number().int().nullable(),
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointSchema>;

/** The answer to creating an endpoint or rotating its secret: the only time the secret is shown. */
export const webhookWithSecretSchema = webhookEndpointSchema.extend({
  /** Standard Webhooks format: `whsec_` and the base64 of 32 random bytes. */
  secret: z.string(),
});
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const webhookListSchema = z.object({ endpoints: z.array(webhookEndpointSchema) });
export type WebhookList = z.infer<typeof webhookListSchema>;

export const webhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatusSchema>;

/** One event for one endpoint, as the console's delivery log lists it (without the payload). */
export const webhookDeliverySchema = z.object({
  id: idSchema,
  endpointId: idSchema,
  eventType: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  createdAt: z.number().int(),
  nextAttemptAt: z.number().int().nullable(),
  lastAttemptAt: z.number().int().nullable(),
  /** The receiver's HTTP status on the last attempt, null when none came back. */
  lastStatus: z.number().int().nullable(),
  /** Why the last attempt failed, in words (a timeout, a refused address, the status). */
  lastError: z.string().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryListSchema>;

/** One attempt of a delivery: when it was sent, how long the receiver took, and what came back. */
export const webhookAttemptSchema = z.object({
  /** 1, 2, …: counted over the delivery's whole life, "send again" included. */
  attempt: z.number().int(),
  startedAt: z.number().int(),
  durationMs: z.number().int(),
  /** The receiver's HTTP status, null when none came back (a timeout, a refused address). */
  status: z.number().int().nullable(),
  /** Why the attempt failed, in words; null when it was delivered. */
  error: z.string().nullable(),
  /** The start of the receiver's answer (at most 500 characters), null when none came. */
  response: z.string().nullable(),
  /** The node that sent it. */
  node: z.string(),
});
export type WebhookAttemptView = z.infer<typeof webhookAttemptSchema>;

/** `GET /v1/webhooks/:id/deliveries/:deliveryId/attempts`: oldest first, the latest 50 at most. */
export const webhookAttemptListSchema = z.object({ attempts: z.array(webhookAttemptSchema) });
export type WebhookAttemptList = z.infer<typeof webhookAttemptListSchema>;

/** `POST /v1/webhooks/:id/test`: a `webhook.test` event queued for this endpoint alone. */
export const webhookTestResultSchema = z.object({ delivery: webhookDeliverySchema });
