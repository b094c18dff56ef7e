import { z } from 'zod';
import { idSchema } from './entities.ts';

/** One admin action, as `GET /v1/audit` lists it. `details` holds ids and field names, never typed values. */
export const auditEntrySchema = z.object({
  id: idSchema,
  at: z.number().int(),
  actorId: idSchema.nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** `GET /v1/audit?limit=&before=&action=&actorId=`: newest first; `before` (epoch ms) pages back. */
export const auditListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,63}$/)
    .optional(),
  actorId: idSchema.optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;
export const auditListResponseSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;

const rows = z.array(z.record(z.string(), z.unknown()));

/** `GET /v1/customers/:id/export` and `GET /v1/visitors/:id/export`: everything Beckon holds about one person. */
export const personalDataExportSchema = z.object({
  exportedAt: z.number().int(),
  subject: z.object({ type: z.enum(['customer', 'visitor']), id: idSchema }),
  customer: z.record(z.string(), z.unknown()).nullable(),
  visitors: rows,
  identityLinks: z.array(z.object({ visitorId: idSchema, customerId: idSchema })),
  pageViews: rows,
  events: rows,
  invitations: rows,
  conversations: rows,
  surveys: rows,
  wrapUps: rows,
  /** Messages left when nobody could answer: name, e-mail address, language (the text is in `conversations`). */
  leftMessages: rows,
  /** Files sent in the subject's conversations: name, type, size, who sent it (fetch each by its id). */
  files: rows,
});
export type PersonalDataExport = z.infer<typeof personalDataExportSchema>;

/** `DELETE /v1/customers/:id` and `DELETE /v1/visitors/:id`: how many rows of each kind were erased. */
export const erasureResultSchema = z.object({
  erased: z.object({
    customers: z.number().int(),
    visitors: z.number().int(),
    pageViews: z.number().int(),
    events: z.number().int(),
    invitations: z.number().int(),
    conversations: z.number().int(),
    messages: z.number().int(),
    matchesCleared: z.number().int(),
    files: z.number().int(),
  }),
});
export type ErasureResult = z.infer<typeof erasureResultSchema>;

/** Days a kind of data is kept, or null to keep it forever. */
const retentionDaysSchema = z.number().int().min(1).max(36_500).nullable();

/** `PUT /v1/settings/retention` and its answer: how long each kind of personal data is kept. */
export const retentionSettingsSchema = z
  .object({
    pageViews: retentionDaysSchema,
    events: retentionDaysSchema,
    messages: retentionDaysSchema,
    /** Conversations with their messages, invitations and surveys; the funnel keeps daily counts of them. */
    conversations: retentionDaysSchema,
    audit: retentionDaysSchema,
    /** Webhook deliveries sent or given up (their payloads carry personal data); pending ones stay. */
    webhookDeliveries: retentionDaysSchema.optional(),
  })
  .strict();
export type RetentionSettingsView = z.infer<typeof retentionSettingsSchema>;
export const retentionResponseSchema = z.object({
  retention: retentionSettingsSchema,
  defaults: retentionSettingsSchema,
});
export type RetentionResponse = z.infer<typeof retentionResponseSchema>;
