import {
  type Account,
  type ApiReference,
  type ApiToken,
  type ApiTokenInput,
  type AuditEntryView,
  accountSchema,
  apiReferenceSchema,
  apiTokenSchema,
  auditListResponseSchema,
  type ChatSurvey,
  type CreatedApiToken,
  type CreateUserBody,
  type CustomerImportResult,
  type CustomerInput,
  type CustomerMatch,
  type CustomerRecord,
  chatSurveySchema,
  createdApiTokenSchema,
  customerImportResultSchema,
  customerMatchSchema,
  customerRecordSchema,
  type ErasureResult,
  erasureResultSchema,
  type Funnel,
  funnelSchema,
  type LiveVisitorsPage,
  type LoginResponse,
  liveVisitorsPageSchema,
  loginResponseSchema,
  type MessagePreview,
  type MessagePreviewBody,
  messagePreviewSchema,
  type PersonalDataExport,
  personalDataExportSchema,
  type Queue,
  type QueueDetail,
  type QueueInput,
  type QueuePatch,
  type QuickReply,
  type QuickReplyInput,
  queueDetailSchema,
  queueSchema,
  quickReplySchema,
  type RecoveryCodes,
  type RetentionResponse,
  type RetentionSettingsView,
  type Role,
  type Rule,
  type RuleInput,
  type RulePreview,
  type RuleVersion,
  recoveryCodesSchema,
  retentionResponseSchema,
  rulePreviewSchema,
  ruleSchema,
  ruleVersionSchema,
  type SignInOptions,
  type SingleSignOnCheck,
  type SingleSignOnSettings,
  type SingleSignOnSettingsInput,
  type SupervisorOverview,
  type SurveyListItem,
  signInOptionsSchema,
  singleSignOnCheckSchema,
  singleSignOnSettingsSchema,
  supervisorOverviewSchema,
  surveyListItemSchema,
  type TeamMember,
  type TwoFactorPolicy,
  type TwoFactorSetup,
  teamMemberSchema,
  twoFactorPolicySchema,
  twoFactorSetupSchema,
  type User,
  type UserAdmin,
  userAdminSchema,
  userSchema,
  type WebhookAttemptView,
  type WebhookCreate,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookUpdate,
  type WebhookWithSecret,
  type Widget,
  type WidgetPatch,
  webhookAttemptSchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookTestResultSchema,
  webhookWithSecretSchema,
  widgetSchema,
} from '@beckon/protocol';
import { fieldParser, listParser, request, requestEmpty } from './http.ts';

/** The HTTP API of docs/protocol.md, one typed function per endpoint the console uses. */

const user = fieldParser('user', userSchema);
const path = encodeURIComponent;

export const api = {
  login: (email: string, password: string): Promise<LoginResponse> =>
    request('POST', '/v1/auth/login', loginResponseSchema, { email, password }),
  loginTwoFactor: (challenge: string, code: string): Promise<LoginResponse> =>
    request('POST', '/v1/auth/login/two-factor', loginResponseSchema, { challenge, code }),
  logout: (): Promise<void> => requestEmpty('POST', '/v1/auth/logout'),
  me: (): Promise<User> => request('GET', '/v1/auth/me', user),
  signInOptions: (): Promise<SignInOptions> =>
    request('GET', '/v1/auth/sign-in-options', signInOptionsSchema),
  singleSignOnSettings: (): Promise<SingleSignOnSettings> =>
    request('GET', '/v1/settings/single-sign-on', singleSignOnSettingsSchema),
  saveSingleSignOnSettings: (input: SingleSignOnSettingsInput): Promise<SingleSignOnSettings> =>
    request('PUT', '/v1/settings/single-sign-on', singleSignOnSettingsSchema, input),
  checkSingleSignOnSettings: (input: SingleSignOnSettingsInput): Promise<SingleSignOnCheck> =>
    request('POST', '/v1/settings/single-sign-on/check', singleSignOnCheckSchema, input),

  widgets: (): Promise<Widget[]> => request('GET', '/v1/widgets', listParser('widgets', widgetSchema)),
  updateWidget: (id: string, patch: WidgetPatch): Promise<Widget> =>
    request('PATCH', `/v1/widgets/${path(id)}`, widgetSchema, patch),
  queues: (): Promise<Queue[]> => request('GET', '/v1/queues', listParser('queues', queueSchema)),

  rules: (widgetId: string): Promise<Rule[]> =>
    request('GET', `/v1/widgets/${path(widgetId)}/rules`, listParser('rules', ruleSchema)),
  createRule: (widgetId: string, input: RuleInput): Promise<Rule> =>
    request('POST', `/v1/widgets/${path(widgetId)}/rules`, ruleSchema, input),
  updateRule: (id: string, input: RuleInput): Promise<Rule> =>
    request('PUT', `/v1/rules/${path(id)}`, ruleSchema, input),
  deleteRule: (id: string): Promise<void> => requestEmpty('DELETE', `/v1/rules/${path(id)}`),
  publishRule: (id: string, publish: boolean): Promise<Rule> =>
    request('POST', `/v1/rules/${path(id)}/${publish ? 'publish' : 'unpublish'}`, ruleSchema),
  ruleVersions: (id: string): Promise<RuleVersion[]> =>
    request('GET', `/v1/rules/${path(id)}/versions`, listParser('versions', ruleVersionSchema)),
  rulePreview: (id: string): Promise<RulePreview> =>
    request('POST', `/v1/rules/${path(id)}/preview`, rulePreviewSchema),
  liveVisitors: (widgetId: string, limit: number): Promise<LiveVisitorsPage> =>
    request('GET', `/v1/widgets/${path(widgetId)}/live-visitors?limit=${limit}`, liveVisitorsPageSchema),
  messagePreview: (widgetId: string, body: MessagePreviewBody): Promise<MessagePreview> =>
    request('POST', `/v1/widgets/${path(widgetId)}/message-preview`, messagePreviewSchema, body),
  funnel: (widgetId: string, from: number, to: number): Promise<Funnel> =>
    request('GET', `/v1/widgets/${path(widgetId)}/funnel?from=${from}&to=${to}`, funnelSchema),

  queueDetails: (): Promise<QueueDetail[]> =>
    request('GET', '/v1/queues', listParser('queues', queueDetailSchema)),
  createQueue: (input: QueueInput): Promise<QueueDetail> =>
    request('POST', '/v1/queues', queueDetailSchema, input),
  updateQueue: (id: string, patch: QueuePatch): Promise<QueueDetail> =>
    request('PATCH', `/v1/queues/${path(id)}`, queueDetailSchema, patch),
  deleteQueue: (id: string): Promise<void> => requestEmpty('DELETE', `/v1/queues/${path(id)}`),
  team: (): Promise<TeamMember[]> => request('GET', '/v1/team', listParser('members', teamMemberSchema)),
  supervisorOverview: (): Promise<SupervisorOverview> =>
    request('GET', '/v1/supervisor/overview', supervisorOverviewSchema),
  recentSurveys: (limit: number): Promise<SurveyListItem[]> =>
    request('GET', `/v1/surveys?limit=${limit}`, listParser('surveys', surveyListItemSchema)),
  quickReplies: (): Promise<QuickReply[]> =>
    request('GET', '/v1/quick-replies', listParser('quickReplies', quickReplySchema)),
  conversationQuickReplies: (conversationId: string): Promise<QuickReply[]> =>
    request(
      'GET',
      `/v1/conversations/${path(conversationId)}/quick-replies`,
      listParser('quickReplies', quickReplySchema),
    ),
  createQuickReply: (input: QuickReplyInput): Promise<QuickReply> =>
    request('POST', '/v1/quick-replies', quickReplySchema, input),
  updateQuickReply: (id: string, input: QuickReplyInput): Promise<QuickReply> =>
    request('PUT', `/v1/quick-replies/${path(id)}`, quickReplySchema, input),
  deleteQuickReply: (id: string): Promise<void> => requestEmpty('DELETE', `/v1/quick-replies/${path(id)}`),
  users: (): Promise<UserAdmin[]> => request('GET', '/v1/users', listParser('users', userAdminSchema)),
  setCapacity: (id: string, capacity: number): Promise<UserAdmin> =>
    request('PATCH', `/v1/users/${path(id)}`, userAdminSchema, { capacity }),
  createUser: (body: CreateUserBody): Promise<UserAdmin> =>
    request('POST', '/v1/users', userAdminSchema, body),
  setUserStatus: (id: string, status: 'active' | 'disabled'): Promise<UserAdmin> =>
    request('PUT', `/v1/users/${path(id)}/status`, userAdminSchema, { status }),
  setUserRole: (id: string, role: Role): Promise<UserAdmin> =>
    request('PUT', `/v1/users/${path(id)}/role`, userAdminSchema, { role }),
  resetPassword: (id: string, temporaryPassword: string): Promise<UserAdmin> =>
    request('POST', `/v1/users/${path(id)}/password-reset`, userAdminSchema, { temporaryPassword }),
  deleteUser: (id: string): Promise<void> => requestEmpty('DELETE', `/v1/users/${path(id)}`),
  apiTokens: (): Promise<ApiToken[]> =>
    request('GET', '/v1/api-tokens', listParser('tokens', apiTokenSchema)),
  createApiToken: (input: ApiTokenInput): Promise<CreatedApiToken> =>
    request('POST', '/v1/api-tokens', createdApiTokenSchema, input),
  revokeApiToken: (id: string): Promise<void> => requestEmpty('DELETE', `/v1/api-tokens/${path(id)}`),
  webhooks: (): Promise<WebhookEndpointView[]> =>
    request('GET', '/v1/webhooks', listParser('endpoints', webhookEndpointSchema)),
  createWebhook: (input: WebhookCreate): Promise<WebhookWithSecret> =>
    request('POST', '/v1/webhooks', webhookWithSecretSchema, input),
  updateWebhook: (id: string, patch: WebhookUpdate): Promise<WebhookEndpointView> =>
    request('PATCH', `/v1/webhooks/${path(id)}`, webhookEndpointSchema, patch),
  deleteWebhook: (id: string): Promise<void> => requestEmpty('DELETE', `/v1/webhooks/${path(id)}`),
  rotateWebhookSecret: (id: string): Promise<WebhookWithSecret> =>
    request('POST', `/v1/webhooks/${path(id)}/secret`, webhookWithSecretSchema),
  webhookDeliveries: (id: string): Promise<WebhookDeliveryView[]> =>
    request('GET', `/v1/webhooks/${path(id)}/deliveries`, listParser('deliveries', webhookDeliverySchema)),
  webhookAttempts: (id: string, deliveryId: string): Promise<WebhookAttemptView[]> =>
    request(
      'GET',
      `/v1/webhooks/${path(id)}/deliveries/${path(deliveryId)}/attempts`,
      listParser('attempts', webhookAttemptSchema),
    ),
  testWebhook: (id: string): Promise<WebhookDeliveryView> =>
    request('POST', `/v1/webhooks/${path(id)}/test`, webhookTestResultSchema).then((r) => r.delivery),
  resendWebhookDelivery: (id: string, deliveryId: string): Promise<WebhookDeliveryView> =>
    request(
      'POST',
      `/v1/webhooks/${path(id)}/deliveries/${path(deliveryId)}/resend`,
      webhookTestResultSchema,
    ).then((r) => r.delivery),
  apiReference: (): Promise<ApiReference> => request('GET', '/v1/openapi.json', apiReferenceSchema),
  account: (): Promise<Account> => request('GET', '/v1/account', accountSchema),
  changePassword: (currentPassword: string, newPassword: string): Promise<void> =>
    requestEmpty('POST', '/v1/account/password', { currentPassword, newPassword }),
  signOutOthers: (): Promise<void> => requestEmpty('POST', '/v1/account/sign-out-others'),
  beginTwoFactor: (): Promise<TwoFactorSetup> =>
    request('POST', '/v1/account/two-factor/setup', twoFactorSetupSchema),
  confirmTwoFactor: (code: string): Promise<RecoveryCodes> =>
    request('POST', '/v1/account/two-factor/confirm', recoveryCodesSchema, { code }),
  disableTwoFactor: (password: string): Promise<void> =>
    requestEmpty('POST', '/v1/account/two-factor/disable', { password }),
  twoFactorPolicy: (): Promise<TwoFactorPolicy> =>
    request('GET', '/v1/users/two-factor-policy', twoFactorPolicySchema),
  setTwoFactorPolicy: (roles: Role[]): Promise<TwoFactorPolicy> =>
    request('PUT', '/v1/users/two-factor-policy', twoFactorPolicySchema, { roles }),

  retention: (): Promise<RetentionResponse> =>
    request('GET', '/v1/settings/retention', retentionResponseSchema),
  setRetention: (retention: RetentionSettingsView): Promise<RetentionResponse> =>
    request('PUT', '/v1/settings/retention', retentionResponseSchema, retention),
  /** Newest first; `before` (epoch ms) pages back. */
  audit: async (limit: number, before?: number): Promise<AuditEntryView[]> =>
    (
      await request(
        'GET',
        `/v1/audit?limit=${limit}${before === undefined ? '' : `&before=${before}`}`,
        auditListResponseSchema,
      )
    ).entries,
  exportPersonalData: (type: 'customer' | 'visitor', id: string): Promise<PersonalDataExport> =>
    request('GET', `/v1/${type}s/${path(id)}/export`, personalDataExportSchema),
  erasePersonalData: (type: 'customer' | 'visitor', id: string): Promise<ErasureResult> =>
    request('DELETE', `/v1/${type}s/${path(id)}`, erasureResultSchema),

  searchCustomers: (q: string): Promise<CustomerRecord[]> =>
    request('GET', `/v1/customers?q=${encodeURIComponent(q)}`, listParser('customers', customerRecordSchema)),
  createCustomer: (input: CustomerInput): Promise<CustomerRecord> =>
    request('POST', '/v1/customers', customerRecordSchema, input),
  createProposedCustomer: (conversationId: string): Promise<CustomerMatch> =>
    request('POST', `/v1/conversations/${path(conversationId)}/customer/proposed`, customerMatchSchema),
  unlinkCustomer: (conversationId: string): Promise<CustomerMatch> =>
    request('DELETE', `/v1/conversations/${path(conversationId)}/customer`, customerMatchSchema),
  importCustomers: (csv: string): Promise<CustomerImportResult> =>
    request('POST', '/v1/customers/import', customerImportResultSchema, { csv }),
  linkCustomer: (conversationId: string, customerId: string): Promise<CustomerMatch> =>
    request('POST', `/v1/conversations/${path(conversationId)}/customer`, customerMatchSchema, {
      customerId,
    }),
  /** The visitor's post-chat survey, or null when they did not answer it. */
  survey: (conversationId: string): Promise<ChatSurvey | null> =>
    request(
      'GET',
      `/v1/conversations/${path(conversationId)}/survey`,
      fieldParser('survey', chatSurveySchema.nullable()),
    ),
};
