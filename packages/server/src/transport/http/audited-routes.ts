/**
 * Which admin changes the audit trail records, by route. Every route that changes state is either here or in
 * `notAudited` with the reason; a test checks that against the registered routes, so a new route cannot slip
 * through unrecorded.
 */
export interface AuditedAction {
  action: string;
  targetType: string;
}

const audited: Record<string, AuditedAction> = {
  'POST /v1/widgets': { action: 'widget.created', targetType: 'widget' },
  'PATCH /v1/widgets/:id': { action: 'widget.updated', targetType: 'widget' },
  'POST /v1/widgets/:id/rules': { action: 'rule.created', targetType: 'rule' },
  'PUT /v1/rules/:id': { action: 'rule.updated', targetType: 'rule' },
  'DELETE /v1/rules/:id': { action: 'rule.deleted', targetType: 'rule' },
  'POST /v1/rules/:id/publish': { action: 'rule.published', targetType: 'rule' },
  'POST /v1/rules/:id/unpublish': { action: 'rule.unpublished', targetType: 'rule' },
  'POST /v1/rules/:id/preview': { action: 'rule.previewed', targetType: 'rule' },
  'POST /v1/queues': { action: 'queue.created', targetType: 'queue' },
  'PATCH /v1/queues/:id': { action: 'queue.updated', targetType: 'queue' },
  'DELETE /v1/queues/:id': { action: 'queue.deleted', targetType: 'queue' },
  'PUT /v1/queues/:id/members/:userId': { action: 'queue.member_added', targetType: 'queue' },
  'POST /v1/quick-replies': { action: 'quick_reply.created', targetType: 'quick_reply' },
  'PUT /v1/quick-replies/:id': { action: 'quick_reply.updated', targetType: 'quick_reply' },
  'DELETE /v1/quick-replies/:id': { action: 'quick_reply.deleted', targetType: 'quick_reply' },
  'POST /v1/customers/import': { action: 'customers.imported', targetType: 'customer' },
  'PATCH /v1/users/:id': { action: 'user.updated', targetType: 'user' },
  'POST /v1/visitors/:id/invitations': { action: 'visitor.invited', targetType: 'visitor' },
  'POST /v1/api-tokens': { action: 'api_token.created', targetType: 'api_token' },
  'DELETE /v1/api-tokens/:id': { action: 'api_token.revoked', targetType: 'api_token' },
  'POST /v1/webhooks': { action: 'webhook.created', targetType: 'webhook' },
  'PATCH /v1/webhooks/:id': { action: 'webhook.updated', targetType: 'webhook' },
  'DELETE /v1/webhooks/:id': { action: 'webhook.deleted', targetType: 'webhook' },
  'POST /v1/webhooks/:id/secret': { action: 'webhook.secret_rotated', targetType: 'webhook' },
  'POST /v1/webhooks/:id/test': { action: 'webhook.tested', targetType: 'webhook' },
  'POST /v1/webhooks/:id/deliveries/:deliveryId/resend': {
    action: 'webhook.delivery_resent',
    targetType: 'webhook',
  },
};

/** State-changing routes the trail does not record here, and why. */
export const notAudited: Record<string, string> = {
  'POST /v1/auth/login': 'signing in is not an admin change',
  'POST /v1/auth/logout': 'signing out is not an admin change',
  'POST /v1/customers': 'agents create customer records while chatting',
  'POST /v1/conversations/:id/files': 'a file sent in a chat is a message of it, not an admin change',
  'POST /v1/visitor/files': 'a visitor sending a file in their chat',
  'OPTIONS /v1/visitor/files': 'a CORS preflight, changes nothing',
  'OPTIONS /v1/visitor/files/:id': 'a CORS preflight, changes nothing',
  'POST /v1/conversations/:id/customer': 'agents link the customer of their own conversation',
  'DELETE /v1/conversations/:id/customer': 'agents unlink the customer of their own conversation',
  'POST /v1/conversations/:id/customer/proposed':
    'agents create the record the visitor proposed, for their own conversation',
  'POST /v1/widgets/:id/explain': 'reads: explains a typed journey, changes nothing',
  'POST /v1/widgets/:id/message-preview': 'reads: renders a message for one visitor, changes nothing',
  'DELETE /v1/customers/:id': 'the erasure records itself, with what it removed',
  'PUT /v1/settings/retention': 'the retention policy records what changed, from and to',
  'PUT /v1/settings/single-sign-on':
    'the single sign-on settings record which fields changed (never the secret)',
  'POST /v1/settings/single-sign-on/check':
    'reads: asks the identity provider for its metadata, changes nothing',
  'DELETE /v1/visitors/:id': 'the erasure records itself, with what it removed',
  'POST /v1/auth/login/two-factor': 'signing in is not an admin change',
  'POST /v1/users': 'the user administration use case records it, with the role',
  'PUT /v1/users/two-factor-policy': 'the user administration use case records it, from and to',
  'PUT /v1/users/:id/status': 'the user administration use case records it (disabled or enabled)',
  'PUT /v1/users/:id/role': 'the user administration use case records it, from and to',
  'POST /v1/users/:id/password-reset': 'the user administration use case records it',
  'DELETE /v1/users/:id': 'the user administration use case records it',
  'POST /v1/account/password': "a user's own account, not an admin change",
  'POST /v1/account/two-factor/setup': "a user's own account, not an admin change",
  'POST /v1/account/two-factor/confirm': "a user's own account, not an admin change",
  'POST /v1/account/two-factor/disable': "a user's own account, not an admin change",
  'POST /v1/account/sign-out-others': "a user's own account, not an admin change",
};

export function auditedAction(method: string, url: string | undefined): AuditedAction | undefined {
  return url === undefined ? undefined : audited[`${method} ${url}`];
}

export const auditedRoutes = (): string[] => Object.keys(audited);
