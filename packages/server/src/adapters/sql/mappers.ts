// Over 300 lines: every table's row <-> record mapping, kept together so the two directions stay in step.
import type {
  ChatMessage,
  ContextSnapshot,
  ConversationStatus,
  CustomerMatch,
  FileType,
  InvitationLook,
  OperatingHours,
  PrechatField,
  Role,
  RuleMessage,
} from '@beckon/protocol';
import type { Insertable, Selectable } from 'kysely';
import type {
  ConversationRow,
  CustomerRow,
  InvitationRow,
  InvitationStatus,
  OfferRow,
  OfferStatus,
  PageViewRow,
  RuleRow,
  SessionRow,
  UserRow,
  UserStatus,
  VisitorRow,
  WidgetRow,
} from '../../ports/store.ts';
import type {
  ConversationsTable,
  CustomersTable,
  InvitationsTable,
  MessagesTable,
  OffersTable,
  PageViewsTable,
  RulesTable,
  SessionsTable,
  UsersTable,
  VisitorsTable,
  WidgetsTable,
} from './schema.ts';

/**
 * Row ⇄ record conversion for every table. Shared by the SQL adapters so that both engines return identical
 * records: numbers for epoch ms (pg hands int8 back as a string), booleans for 0/1, parsed JSON, and optional
 * fields absent rather than null.
 */

export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}

export function optionalNumber(value: number | string | bigint | null): number | undefined {
  return value === null ? undefined : toNumber(value);
}

export function optional<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

function flag(value: boolean): number {
  return value ? 1 : 0;
}

// Stored by this adapter from typed records, so the parse result has the type it was written with.
function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/**
 * Records leave with optional fields absent, so `toStrictEqual` against the input works. A new object gets the
 * defined fields rather than `delete` removing the others: deleting any field but the last turns a V8 object into
 * a dictionary, slow to read and to spread, and a conversation row is read and spread on every relayed message.
 */
export function withoutUndefined<T extends object>(record: T): T {
  const defined: Partial<T> = {};
  for (const key in record) {
    const value = record[key];
    if (value !== undefined) defined[key] = value;
  }
  return defined as T;
}

export function userToRow(user: UserRow): Insertable<UsersTable> {
  return {
    id: user.id,
    email: user.email.toLowerCase(),
    name: user.name,
    role: user.role,
    password_hash: user.passwordHash,
    capacity: user.capacity,
    created_at: user.createdAt,
    status: user.status ?? 'active',
    password_change_required: user.passwordChangeRequired ? 1 : 0,
    last_sign_in_at: user.lastSignInAt ?? null,
    totp_secret: user.totpSecret ?? null,
    totp_pending_secret: user.totpPendingSecret ?? null,
  };
}

export function userFromRow(row: Selectable<UsersTable>): UserRow {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    capacity: toNumber(row.capacity),
    createdAt: toNumber(row.created_at),
    status: row.status as UserStatus,
    passwordChangeRequired: toNumber(row.password_change_required) === 1,
    ...(row.last_sign_in_at === null ? {} : { lastSignInAt: toNumber(row.last_sign_in_at) }),
    ...(row.totp_secret === null ? {} : { totpSecret: row.totp_secret }),
    ...(row.totp_pending_secret === null ? {} : { totpPendingSecret: row.totp_pending_secret }),
  };
}

export function sessionToRow(session: SessionRow): Insertable<SessionsTable> {
  return {
    id: session.id,
    user_id: session.userId,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
  };
}

export function sessionFromRow(row: Selectable<SessionsTable>): SessionRow {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: toNumber(row.created_at),
    expiresAt: toNumber(row.expires_at),
  };
}

export function widgetToRow(widget: WidgetRow): Insertable<WidgetsTable> {
  return {
    id: widget.id,
    key: widget.key,
    name: widget.name,
    title: widget.title,
    color: widget.color,
    locale: widget.locale,
    enabled: flag(widget.enabled),
    proactive_enabled: flag(widget.proactiveEnabled),
    allowed_origins: JSON.stringify(widget.allowedOrigins),
    queue_id: widget.queueId,
    offer_timeout_seconds: widget.offerTimeoutSeconds,
    prechat_fields: JSON.stringify(widget.prechatFields),
    identity_algorithm: widget.identityAlgorithm,
    identity_issuer: widget.identityIssuer ?? null,
    identity_secret: widget.identitySecret ?? null,
    identity_audience: widget.identityAudience ?? null,
    identity_max_lifetime_seconds: widget.identityMaxLifetimeSeconds,
    fatigue_per_visit: widget.fatigue.perVisit,
    fatigue_per_week: widget.fatigue.perWeek,
    dismiss_backoff_minutes: widget.fatigue.dismissBackoffMinutes,
    consent_required: flag(widget.consentRequired),
    operating_hours: widget.operatingHours ? JSON.stringify(widget.operatingHours) : null,
    invitation_look: Object.keys(widget.invitationLook).length ? JSON.stringify(widget.invitationLook) : null,
    prechat_creates_customers: flag(widget.prechatCreatesCustomers),
    invite_only_when_answerable: flag(widget.inviteOnlyWhenAnswerable),
    url_param_deny_list: JSON.stringify(widget.urlParamDenyList),
    sneak_peek: flag(widget.sneakPeek),
    file_types: JSON.stringify(widget.fileTypes),
    file_max_bytes: widget.fileMaxBytes,
    smart_invitations: flag(widget.smartInvitations),
    created_at: widget.createdAt,
  };
}

export function widgetFromRow(row: Selectable<WidgetsTable>): WidgetRow {
  return withoutUndefined<WidgetRow>({
    id: row.id,
    key: row.key,
    name: row.name,
    title: row.title,
    color: row.color,
    locale: row.locale,
    enabled: row.enabled === 1,
    proactiveEnabled: row.proactive_enabled === 1,
    allowedOrigins: parseJson<string[]>(row.allowed_origins),
    queueId: row.queue_id,
    offerTimeoutSeconds: toNumber(row.offer_timeout_seconds),
    prechatFields: parseJson<PrechatField[]>(row.prechat_fields),
    identityAlgorithm: row.identity_algorithm as WidgetRow['identityAlgorithm'],
    identityIssuer: optional(row.identity_issuer),
    identitySecret: optional(row.identity_secret),
    identityAudience: optional(row.identity_audience),
    identityMaxLifetimeSeconds: toNumber(row.identity_max_lifetime_seconds),
    fatigue: {
      perVisit: toNumber(row.fatigue_per_visit),
      perWeek: toNumber(row.fatigue_per_week),
      dismissBackoffMinutes: toNumber(row.dismiss_backoff_minutes),
    },
    consentRequired: row.consent_required === 1,
    operatingHours: row.operating_hours === null ? null : parseJson<OperatingHours>(row.operating_hours),
    invitationLook: row.invitation_look ? parseJson<InvitationLook>(row.invitation_look) : {},
    prechatCreatesCustomers: row.prechat_creates_customers === 1,
    inviteOnlyWhenAnswerable: row.invite_only_when_answerable === 1,
    urlParamDenyList: parseJson<string[]>(row.url_param_deny_list),
    sneakPeek: row.sneak_peek === 1,
    fileTypes: parseJson<FileType[]>(row.file_types),
    fileMaxBytes: toNumber(row.file_max_bytes),
    smartInvitations: row.smart_invitations === 1,
    createdAt: toNumber(row.created_at),
  });
}

export function ruleToRow(rule: RuleRow): Insertable<RulesTable> {
  return {
    id: rule.id,
    widget_id: rule.widgetId,
    name: rule.name,
    enabled: flag(rule.enabled),
    priority: rule.priority,
    conditions: JSON.stringify(rule.conditions),
    message: JSON.stringify(rule.message),
    show_prechat: flag(rule.showPrechat),
    caps: rule.caps ? JSON.stringify(rule.caps) : null,
    updated_at: rule.updatedAt,
    queue_id: rule.queueId ?? null,
    status: rule.status ?? 'published',
    split: rule.split ? JSON.stringify(rule.split) : null,
    smart: rule.smart ? JSON.stringify(rule.smart) : null,
  };
}

export function ruleFromRow(row: Selectable<RulesTable>): RuleRow {
  return {
    id: row.id,
    widgetId: row.widget_id,
    name: row.name,
    enabled: row.enabled === 1,
    priority: toNumber(row.priority),
    conditions: parseJson<RuleRow['conditions']>(row.conditions),
    message: parseJson<RuleMessage>(row.message),
    showPrechat: row.show_prechat === 1,
    ...(row.caps === null ? {} : { caps: parseJson<NonNullable<RuleRow['caps']>>(row.caps) }),
    ...(row.queue_id ? { queueId: row.queue_id } : {}),
    ...(row.split === null ? {} : { split: parseJson<NonNullable<RuleRow['split']>>(row.split) }),
    ...(row.smart === null || row.smart === undefined
      ? {}
      : { smart: parseJson<NonNullable<RuleRow['smart']>>(row.smart) }),
    ...(row.status === 'draft' ? { status: 'draft' as const } : {}),
    updatedAt: toNumber(row.updated_at),
  };
}

export function visitorToRow(visitor: VisitorRow): Insertable<VisitorsTable> {
  return {
    id: visitor.id,
    widget_id: visitor.widgetId,
    created_at: visitor.createdAt,
    last_seen_at: visitor.lastSeenAt,
    visit_count: visitor.visitCount,
    visit_started_at: visitor.visitStartedAt,
    name: visitor.name ?? null,
    customer_id: visitor.customerId ?? null,
  };
}

export function visitorFromRow(row: Selectable<VisitorsTable>): VisitorRow {
  return withoutUndefined<VisitorRow>({
    id: row.id,
    widgetId: row.widget_id,
    createdAt: toNumber(row.created_at),
    lastSeenAt: toNumber(row.last_seen_at),
    visitCount: toNumber(row.visit_count),
    visitStartedAt: toNumber(row.visit_started_at),
    name: optional(row.name),
    customerId: optional(row.customer_id),
  });
}

export function pageViewToRow(view: PageViewRow): Insertable<PageViewsTable> {
  return {
    id: view.id,
    visitor_id: view.visitorId,
    url: view.url,
    title: view.title,
    referrer: view.referrer ?? null,
    at: view.at,
  };
}

export function pageViewFromRow(row: Selectable<PageViewsTable>): PageViewRow {
  return withoutUndefined<PageViewRow>({
    id: row.id,
    visitorId: row.visitor_id,
    url: row.url,
    title: row.title,
    referrer: optional(row.referrer),
    at: toNumber(row.at),
  });
}

export function invitationToRow(invitation: InvitationRow): Insertable<InvitationsTable> {
  return {
    id: invitation.id,
    widget_id: invitation.widgetId,
    visitor_id: invitation.visitorId,
    rule_id: invitation.ruleId ?? null,
    rule_name: invitation.ruleName ?? null,
    source: invitation.source,
    message: invitation.message,
    show_prechat: flag(invitation.showPrechat),
    status: invitation.status,
    created_at: invitation.createdAt,
    expires_at: invitation.expiresAt,
    closed_at: invitation.closedAt ?? null,
    variant: invitation.variant ?? null,
    agent_id: invitation.agentId ?? null,
    smart: flag(invitation.smart === true),
  };
}

export function invitationFromRow(row: Selectable<InvitationsTable>): InvitationRow {
  return withoutUndefined<InvitationRow>({
    id: row.id,
    widgetId: row.widget_id,
    visitorId: row.visitor_id,
    ruleId: optional(row.rule_id),
    ruleName: optional(row.rule_name),
    source: row.source as InvitationRow['source'],
    message: row.message,
    showPrechat: row.show_prechat === 1,
    status: row.status as InvitationStatus,
    createdAt: toNumber(row.created_at),
    expiresAt: toNumber(row.expires_at),
    closedAt: optionalNumber(row.closed_at),
    variant: optional(row.variant),
    agentId: optional(row.agent_id),
    smart: row.smart === 1 ? true : undefined,
  });
}

export function conversationToRow(conversation: ConversationRow): Insertable<ConversationsTable> {
  return {
    id: conversation.id,
    widget_id: conversation.widgetId,
    visitor_id: conversation.visitorId,
    queue_id: conversation.queueId,
    status: conversation.status,
    agent_id: conversation.agentId ?? null,
    invitation_id: conversation.invitationId ?? null,
    context: JSON.stringify(conversation.context),
    customer: JSON.stringify(conversation.customer),
    created_at: conversation.createdAt,
    accepted_at: conversation.acceptedAt ?? null,
    ended_at: conversation.endedAt ?? null,
    last_seq: conversation.lastSeq,
  };
}

export function conversationFromRow(row: Selectable<ConversationsTable>): ConversationRow {
  return conversationWithJson(row, {
    context: parseJson<ContextSnapshot>(row.context),
    customer: parseJson<CustomerMatch>(row.customer),
  });
}

/** As `conversationFromRow`, with the JSON columns already parsed (from this row's text). */
export function conversationWithJson(
  row: Selectable<ConversationsTable>,
  json: { context: ContextSnapshot; customer: CustomerMatch },
): ConversationRow {
  return withoutUndefined<ConversationRow>({
    id: row.id,
    widgetId: row.widget_id,
    visitorId: row.visitor_id,
    queueId: row.queue_id,
    status: row.status as ConversationStatus,
    agentId: optional(row.agent_id),
    invitationId: optional(row.invitation_id),
    context: json.context,
    customer: json.customer,
    createdAt: toNumber(row.created_at),
    acceptedAt: optionalNumber(row.accepted_at),
    endedAt: optionalNumber(row.ended_at),
    lastSeq: toNumber(row.last_seq),
  });
}

export function messageFromRow(row: Selectable<MessagesTable>): ChatMessage {
  return withoutUndefined<ChatMessage>({
    id: row.id,
    conversationId: row.conversation_id,
    seq: toNumber(row.seq),
    author: row.author as ChatMessage['author'],
    authorName: optional(row.author_name),
    text: row.text,
    clientMsgId: optional(row.client_msg_id),
    createdAt: toNumber(row.created_at),
  });
}

export function offerToRow(offer: OfferRow): Insertable<OffersTable> {
  return {
    id: offer.id,
    conversation_id: offer.conversationId,
    agent_id: offer.agentId,
    status: offer.status,
    created_at: offer.createdAt,
    expires_at: offer.expiresAt,
    closed_at: offer.closedAt ?? null,
  };
}

export function offerFromRow(row: Selectable<OffersTable>): OfferRow {
  return withoutUndefined<OfferRow>({
    id: row.id,
    conversationId: row.conversation_id,
    agentId: row.agent_id,
    status: row.status as OfferStatus,
    createdAt: toNumber(row.created_at),
    expiresAt: toNumber(row.expires_at),
    closedAt: optionalNumber(row.closed_at),
  });
}

export function customerToRow(customer: CustomerRow): Insertable<CustomersTable> {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    company: customer.company ?? null,
    external_id: customer.externalId ?? null,
    active: flag(customer.active),
    created_at: customer.createdAt,
  };
}

export function customerFromRow(row: Selectable<CustomersTable>): CustomerRow {
  return withoutUndefined<CustomerRow>({
    id: row.id,
    name: row.name,
    email: optional(row.email),
    phone: optional(row.phone),
    company: optional(row.company),
    externalId: optional(row.external_id),
    active: row.active === 1,
    createdAt: toNumber(row.created_at),
  });
}
