import type { FileType, InvitationLook, OperatingHours, PrechatField, WidgetFatigue } from '@beckon/protocol';

/** Widgets: the chat embedded on a site, with its look, identity settings, fatigue budget and hours. */

export interface WidgetRow {
  id: string;
  key: string;
  name: string;
  title: string;
  color: string;
  locale: string;
  enabled: boolean;
  proactiveEnabled: boolean;
  allowedOrigins: string[];
  queueId: string;
  offerTimeoutSeconds: number;
  prechatFields: PrechatField[];
  identityAlgorithm: 'none' | 'HS256' | 'RS256';
  identityIssuer?: string;
  identitySecret?: string;
  /** When set, a token's `aud` must name it. */
  identityAudience?: string;
  /** The longest a token may live (`exp` − `iat`), in seconds. */
  identityMaxLifetimeSeconds: number;
  /** The fatigue budget and dismissal back-off across all the widget's rules. */
  fatigue: WidgetFatigue;
  /** Journey tracking waits for the page's `Beckon.consent(true)`. */
  consentRequired: boolean;
  /** Weekly schedule; null = always open. */
  operatingHours: OperatingHours | null;
  /** How the invitation looks (display name, avatar, accept wording); `{}` = the widget's defaults. */
  invitationLook: InvitationLook;
  /** Pre-chat answers that match no customer create an unverified record at once. */
  prechatCreatesCustomers: boolean;
  /** Rule invitations only when an agent of the target queue is available with free capacity. */
  inviteOnlyWhenAnswerable: boolean;
  /** Query parameters scrubbed from page URLs on top of the built-in deny-list. */
  urlParamDenyList: string[];
  /** Agents see what visitors type before they send it (the widget says so). */
  sneakPeek: boolean;
  /** File types this widget's chats accept (read from the bytes); the largest file in bytes. */
  fileTypes: FileType[];
  fileMaxBytes: number;
  /** The acceptance model may act on rules; false is the kill switch (docs/smart-invitations.md). */
  smartInvitations: boolean;
  createdAt: number;
}

export interface WidgetStore {
  createWidget(widget: WidgetRow): Promise<void>;
  getWidget(id: string): Promise<WidgetRow | undefined>;
  getWidgetByKey(key: string): Promise<WidgetRow | undefined>;
  listWidgets(): Promise<WidgetRow[]>;
  /** Replaces every field but id, key and createdAt. */
  updateWidget(widget: WidgetRow): Promise<void>;
}
