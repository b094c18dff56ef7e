import {
  type CustomerInput,
  type CustomerMatch,
  type CustomerRecord,
  customerMatchSchema,
  customerRecordSchema,
  type Queue,
  queueSchema,
  type Rule,
  type RuleInput,
  ruleSchema,
  type User,
  userSchema,
  type Widget,
  type WidgetPatch,
  widgetSchema,
} from '@beckon/protocol';
import { fieldParser, listParser, request, requestEmpty } from './http.ts';

/** The HTTP API of docs/protocol.md, one typed function per endpoint the console uses. */

const user = fieldParser('user', userSchema);
const path = encodeURIComponent;

export const api = {
  login: (email: string, password: string): Promise<User> =>
    request('POST', '/v1/auth/login', user, { email, password }),
  logout: (): Promise<void> => requestEmpty('POST', '/v1/auth/logout'),
  me: (): Promise<User> => request('GET', '/v1/auth/me', user),

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

  searchCustomers: (q: string): Promise<CustomerRecord[]> =>
    request('GET', `/v1/customers?q=${encodeURIComponent(q)}`, listParser('customers', customerRecordSchema)),
  createCustomer: (input: CustomerInput): Promise<CustomerRecord> =>
    request('POST', '/v1/customers', customerRecordSchema, input),
  linkCustomer: (conversationId: string, customerId: string): Promise<CustomerMatch> =>
    request('POST', `/v1/conversations/${path(conversationId)}/customer`, customerMatchSchema, {
      customerId,
    }),
};
