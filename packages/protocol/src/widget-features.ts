import { z } from 'zod';

/** Widget features: operating hours, the post-chat survey and agent availability. */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
/** An end time may be 24:00 (midnight at the end of the day). */
const endHhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected HH:MM or 24:00');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** One opening period on one weekday, local time [start, end); a period past midnight is two periods. */
export const openingPeriodSchema = z
  .object({
    /** 0 = Sunday … 6 = Saturday. */
    day: z.number().int().min(0).max(6),
    start: hhmm,
    end: endHhmm,
  })
  .refine((period) => period.end > period.start, 'end must be after start');
export type OpeningPeriod = z.infer<typeof openingPeriodSchema>;

/** The offline message per widget language (the languages the widget speaks). */
export const offlineMessagesSchema = z.object({
  en: z.string().min(1).max(500).optional(),
  fr: z.string().min(1).max(500).optional(),
});
export type OfflineMessages = z.infer<typeof offlineMessagesSchema>;

/** A widget's weekly schedule. A widget without one is always open. */
export const operatingHoursSchema = z.object({
  /** IANA time zone the periods are in, e.g. "Europe/Paris". */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown IANA time zone'),
  periods: z.array(openingPeriodSchema).max(50),
  /** Shown in the widget outside hours; the widget's own default (en/fr) when absent. */
  offlineMessage: z.string().min(1).max(500).optional(),
  /** Per widget language: the widget shows the one for its language, else `offlineMessage`, else its own. */
  offlineMessages: offlineMessagesSchema.optional(),
});
export type OperatingHours = z.infer<typeof operatingHoursSchema>;

/** What the widget learns in `welcome` about the hours: the state now and when it next changes. */
export const hoursStatusSchema = z.object({
  open: z.boolean(),
  /** Epoch ms of the next opening or closing, when there is one within a week. */
  nextChangeAt: z.number().optional(),
  offlineMessage: z.string().optional(),
  offlineMessages: offlineMessagesSchema.optional(),
});
export type HoursStatus = z.infer<typeof hoursStatusSchema>;

export const surveyCommentMaxLength = 1000;

/** The visitor's post-chat survey (CSAT): a rating from 1 to 5 and an optional comment. */
export const chatSurveyInputSchema = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(surveyCommentMaxLength).optional(),
});
export type ChatSurveyInput = z.infer<typeof chatSurveyInputSchema>;

export const chatSurveySchema = chatSurveyInputSchema.extend({
  conversationId: z.string(),
  createdAt: z.number(),
});
export type ChatSurvey = z.infer<typeof chatSurveySchema>;

/** `GET /v1/conversations/:id/survey`: null when the visitor did not answer. */
export const chatSurveyResponseSchema = z.object({ survey: chatSurveySchema.nullable() });
export type ChatSurveyResponse = z.infer<typeof chatSurveyResponseSchema>;

/** One survey in the supervisor's list: the survey with its conversation's widget and agent. */
export const surveyListItemSchema = chatSurveySchema.extend({
  widgetId: z.string(),
  agentId: z.string().optional(),
  agentName: z.string().optional(),
});
export type SurveyListItem = z.infer<typeof surveyListItemSchema>;

/** `GET /v1/surveys?limit=&before=`: the newest surveys first; `before` (epoch ms) pages back. */
export const surveyListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});
export type SurveyListQuery = z.infer<typeof surveyListQuerySchema>;
export const surveyListResponseSchema = z.object({ surveys: z.array(surveyListItemSchema) });
export type SurveyListResponse = z.infer<typeof surveyListResponseSchema>;

/** `getAgentAvailability()`, answered by the server. Times are ISO 8601 strings. */
export const agentAvailabilitySchema = z.object({
  queueId: z.string(),
  /** Inside operating hours (always, for a widget without hours). */
  isQueueAvailable: z.boolean(),
  /** An available agent of the queue has free capacity now. */
  isAgentAvailable: z.boolean(),
  /** The visitor's place in the queue while their chat waits (1 = next); 0 when not waiting. */
  positionInQueue: z.number().int().min(0),
  /** Estimated wait in seconds for a chat started now. */
  averageWaitTime: z.number().int().min(0),
  startTimeOfNextOperatingHour: z.string().optional(),
  endTimeOfNextOperatingHour: z.string().optional(),
});
export type AgentAvailability = z.infer<typeof agentAvailabilitySchema>;

/** A label per widget language (the languages the widget speaks). */
const perLanguageLabel = z.object({
  en: z.string().trim().min(1).max(40).optional(),
  fr: z.string().trim().min(1).max(40).optional(),
});

/**
 * How the widget's invitation looks and speaks: the name (and avatar) it speaks as, which also author the
 * invitation's text as the conversation's first message, and the accept button's wording per language (the
 * widget's own "Chat now" / "Discuter" when absent).
 */
export const invitationLookSchema = z.object({
  displayName: z.string().trim().min(1).max(60).optional(),
  /** An https image (or a same-server path starting with /), shown round at 32 px. */
  avatarUrl: z
    .string()
    .max(500)
    .regex(/^(https:\/\/|\/)[^\s"'<>]*$/)
    .optional(),
  acceptLabels: perLanguageLabel.optional(),
});
export type InvitationLook = z.infer<typeof invitationLookSchema>;
