import { z } from 'zod';
import { boundedRecord } from './bounded-record.ts';
import { ruleMessageSchema } from './rule.ts';

/**
 * `POST /v1/widgets/:id/message-preview`: a message (saved or being edited) as one visitor would read it — a
 * visitor on the site now (`visitorId`), or a typed visitor (`visitor`); neither: an anonymous English visitor.
 */
export const messagePreviewBodySchema = z
  .object({
    message: ruleMessageSchema,
    visitorId: z.string().min(1).max(100).optional(),
    visitor: z
      .object({
        language: z.string().min(2).max(35).default('en'),
        name: z.string().max(200).optional(),
        company: z.string().max(200).optional(),
        pageTitle: z.string().max(500).optional(),
        /** ISO 3166-1 alpha-2. */
        country: z.string().length(2).optional(),
        city: z.string().max(100).optional(),
        context: boundedRecord(100, z.record(z.string().min(1).max(100), z.string().max(1000))).default({}),
      })
      .strict()
      .optional(),
  })
  .strict();
export type MessagePreviewBody = z.input<typeof messagePreviewBodySchema>;

export const messagePreviewSchema = z.object({
  /** The text the visitor would see, in their language. */
  text: z.string(),
  language: z.string(),
});
export type MessagePreview = z.infer<typeof messagePreviewSchema>;
