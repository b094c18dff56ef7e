import type { ContextSnapshot, CustomerMatch } from '@beckon/protocol';
import type {
  ConversationRow,
  CustomerRow,
  InvitationRow,
  OfferRow,
  RuleRow,
  Store,
  UserRow,
  VisitorRow,
  WebhookEndpointRow,
  WidgetRow,
} from '../store.ts';

/**
 * Records for the store contract. Each factory returns a complete, valid record with only required fields set,
 * so "optional fields come back absent" is checked by the plain round trip; tests override what they care about.
 */

/** A fresh store for each test, created by the suite's beforeEach. */
export type GetStore = () => Store;

export const t0 = 1_700_000_000_000;

export function user(overrides: Partial<UserRow> = {}): UserRow {
  return {
    id: 'usr_1',
    email: 'ann@example.com',
    name: 'Ann',
    role: 'agent',
    passwordHash: '$argon2id$v=19$fake',
    capacity: 3,
    createdAt: t0,
    status: 'active',
    passwordChangeRequired: false,
    ...overrides,
  };
}

export function widget(overrides: Partial<WidgetRow> = {}): WidgetRow {
  return {
    id: 'wgt_1',
    key: 'key_1',
    name: 'Shop',
    title: 'Chat with us',
    color: '#3355ff',
    locale: 'en',
    enabled: true,
    proactiveEnabled: false,
    allowedOrigins: ['https://shop.example', 'http://localhost:3000'],
    queueId: 'que_1',
    offerTimeoutSeconds: 120,
    prechatFields: [
      { name: 'email', label: 'Your email', kind: 'email', required: true, mapsTo: 'email' },
      { name: 'order', label: 'Order number', kind: 'text', required: false },
    ],
    identityAlgorithm: 'none',
    identityMaxLifetimeSeconds: 86_400,
    fatigue: { perVisit: 2, perWeek: 3, dismissBackoffMinutes: 1440 },
    consentRequired: false,
    operatingHours: null,
    invitationLook: {},
    prechatCreatesCustomers: false,
    inviteOnlyWhenAnswerable: true,
    smartInvitations: true,
    urlParamDenyList: [],
    sneakPeek: false,
    fileTypes: ['image/png', 'application/pdf'],
    fileMaxBytes: 10_485_760,
    createdAt: t0,
    ...overrides,
  };
}

export function rule(overrides: Partial<RuleRow> = {}): RuleRow {
  return {
    id: 'rul_1',
    widgetId: 'wgt_1',
    name: 'Checkout help',
    enabled: true,
    priority: 100,
    conditions: {
      type: 'all',
      conditions: [
        { type: 'currentUrl', op: 'contains', value: '/checkout' },
        { type: 'timeOnPage', op: 'gte', seconds: 30 },
        { type: 'not', condition: { type: 'country', op: 'in', values: ['FR', 'DE'] } },
        {
          type: 'any',
          conditions: [
            { type: 'context', name: 'cartValue', op: 'gt', value: 99.5 },
            { type: 'context', name: 'vip', op: 'exists' },
            {
              type: 'executionWindow',
              timeZone: 'Europe/Paris',
              days: [1, 2, 3, 4, 5],
              startTime: '09:00',
              endTime: '18:00',
            },
          ],
        },
      ],
    },
    message: { text: 'Need help, {name}?', translations: { fr: "Besoin d'aide ?" } },
    showPrechat: false,
    updatedAt: t0,
    ...overrides,
  };
}

export function visitor(overrides: Partial<VisitorRow> = {}): VisitorRow {
  return {
    id: 'vis_1',
    widgetId: 'wgt_1',
    createdAt: t0,
    lastSeenAt: t0,
    visitCount: 1,
    visitStartedAt: t0,
    ...overrides,
  };
}

export function invitation(overrides: Partial<InvitationRow> = {}): InvitationRow {
  return {
    id: 'inv_1',
    widgetId: 'wgt_1',
    visitorId: 'vis_1',
    source: 'page',
    message: 'Hello!',
    showPrechat: false,
    status: 'shown',
    createdAt: t0,
    expiresAt: t0 + 60_000,
    ...overrides,
  };
}

export const contextSnapshot: ContextSnapshot = {
  startUrl: 'https://shop.example/checkout?step=2',
  startTitle: 'Checkout — step 2',
  timeOnPageMs: 31_000,
  timeOnSiteMs: 250_000,
  pagesViewed: 4,
  visitNumber: 2,
  referrer: 'https://search.example/?q=shoes',
  language: 'fr-FR',
  device: { type: 'mobile', browser: 'Firefox', os: 'Android' },
  location: { country: 'FR', city: 'Lyon' },
  authenticated: true,
  ruleId: 'rul_1',
  ruleName: 'Checkout help',
  invitationId: 'inv_1',
  custom: {
    cartValue: { value: 129.9, isDisplayable: true },
    vip: { value: true, isDisplayable: false },
    plan: { value: 'gold "plus"', isDisplayable: true },
  },
  prechat: { email: 'ann@example.com' },
  journey: [
    { url: 'https://shop.example/', title: 'Home', at: t0 - 60_000 },
    { url: 'https://shop.example/checkout?step=2', title: 'Checkout — step 2', at: t0 - 31_000 },
  ],
};

export const noCustomer: CustomerMatch = { status: 'none', candidates: [] };

export function customer(overrides: Partial<CustomerRow> = {}): CustomerRow {
  return { id: 'cus_1', name: 'Ann Smith', active: true, createdAt: t0, ...overrides };
}

export function conversation(overrides: Partial<ConversationRow> = {}): ConversationRow {
  return {
    id: 'cnv_1',
    widgetId: 'wgt_1',
    visitorId: 'vis_1',
    queueId: 'que_1',
    status: 'waiting',
    context: contextSnapshot,
    customer: noCustomer,
    createdAt: t0,
    lastSeq: 0,
    ...overrides,
  };
}

export function offer(overrides: Partial<OfferRow> = {}): OfferRow {
  return {
    id: 'ofr_1',
    conversationId: 'cnv_1',
    agentId: 'usr_1',
    status: 'pending',
    createdAt: t0,
    expiresAt: t0 + 120_000,
    ...overrides,
  };
}

export function webhookEndpoint(overrides: Partial<WebhookEndpointRow> = {}): WebhookEndpointRow {
  return {
    id: 'whe_1',
    url: 'https://hooks.example.com/beckon',
    description: 'CRM',
    events: ['conversation.started', 'message.created'],
    enabled: true,
    disabledReason: null,
    failingSince: null,
    secret: 'whsec_c2VjcmV0',
    previousSecret: null,
    previousSecretExpiresAt: null,
    createdAt: t0,
    updatedAt: t0,
    ...overrides,
  };
}

/** A widget and the queue it routes to: the owners a visitor needs, which a store may enforce with foreign keys. */
export async function seedWidget(store: Store, overrides: Partial<WidgetRow> = {}): Promise<WidgetRow> {
  const row = widget(overrides);
  if (!(await store.listQueues()).some((queue) => queue.id === row.queueId)) {
    await store.createQueue({ id: row.queueId, name: 'Support' });
  }
  await store.createWidget(row);
  return row;
}

export async function seedVisitor(store: Store, overrides: Partial<VisitorRow> = {}): Promise<VisitorRow> {
  const widgetId = overrides.widgetId ?? 'wgt_1';
  if (!(await store.getWidget(widgetId))) await seedWidget(store, { id: widgetId, key: `key_${widgetId}` });
  const row = visitor(overrides);
  await store.createVisitor(row);
  return row;
}

export async function seedConversation(
  store: Store,
  overrides: Partial<ConversationRow> = {},
): Promise<ConversationRow> {
  const visitorId = overrides.visitorId ?? 'vis_1';
  if (!(await store.getVisitor(visitorId))) await seedVisitor(store, { id: visitorId });
  const row = conversation(overrides);
  const stored = await store.createConversation(row);
  // One open conversation per visitor: a test seeding a second one for the same visitor has a bug.
  if (stored.id !== row.id) throw new Error(`${row.visitorId} already has open conversation ${stored.id}`);
  return row;
}

/** The agent of an offer or assignment, created once with room for any test's load. */
export async function seedAgent(store: Store, id: string): Promise<void> {
  if (await store.getUser(id)) return;
  await store.createUser(user({ id, email: `${id}@example.com`, capacity: 100 }));
}

/** Offers are only created within capacity: the offer through that path, its agent created first if need be. */
export async function seedOffer(store: Store, overrides: Partial<OfferRow> = {}): Promise<boolean> {
  const row = offer(overrides);
  await seedAgent(store, row.agentId);
  return store.createOfferWithinCapacity(row);
}

/** Assignment goes through the capacity check (auto-assignment): the agent created first if need be. */
export async function assign(
  store: Store,
  conversationId: string,
  agentId: string,
  at: number,
): Promise<boolean> {
  await seedAgent(store, agentId);
  return store.assignConversationWithinCapacity(conversationId, agentId, at);
}
