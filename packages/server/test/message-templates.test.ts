import { login } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
let admin: string;
beforeEach(async () => {
  h = await startHarness();
  admin = await login(h.url, 'admin@beckon.local', password);
});
afterEach(async () => {
  await h.close();
});

type Preview = { text: string; language: string };
const message = {
  text: 'Hi {{customer.firstName | there}}, questions about {{context.plan | our plans}}?',
  translations: {
    fr: 'Bonjour {{customer.firstName | à vous}}, une question sur {{page.title}} à {{location.city}} ?',
  },
};

describe('personalised rule messages', () => {
  it('a rule whose message uses an unknown variable is refused with where and why', async () => {
    const rule = {
      name: 'Pricing',
      conditions: { type: 'all', conditions: [] },
      message: { text: 'Hi {{customer.first_name}}', translations: { fr: 'Bonjour {{#vip}}VIP{{/vip}}' } },
    };
    const refused = await api<{
      error: { code: string; details: { issues: { path: string; message: string }[] } };
    }>(h, admin, 'POST', `/v1/widgets/${h.demoWidgetId}/rules`, rule);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error.details.issues).toMatchObject([
      {
        path: 'message.text',
        message: 'unknown variable "customer.first_name" at position 4',
        params: { template: { kind: 'unknown-variable', position: 3, variable: 'customer.first_name' } },
      },
      {
        path: 'message.translations.fr',
        message: 'only variables like {{page.title}} are allowed, no sections at position 9',
      },
    ]);
    const saved = await api(h, admin, 'POST', `/v1/widgets/${h.demoWidgetId}/rules`, { ...rule, message });
    expect(saved.status).toBe(201);
  });

  it('previews a message for a typed visitor, in their language', async () => {
    const preview = (body: unknown) =>
      api<Preview>(h, admin, 'POST', `/v1/widgets/${h.demoWidgetId}/message-preview`, body);
    expect((await preview({ message })).body).toEqual({
      text: 'Hi there, questions about our plans?',
      language: 'en',
    });
    const typed = await preview({
      message,
      visitor: { language: 'fr-FR', name: 'Alice Martin', pageTitle: 'Tarifs', city: 'Lyon' },
    });
    expect(typed.body).toEqual({
      text: 'Bonjour Alice, une question sur Tarifs à Lyon ?',
      language: 'fr-FR',
    });
    const bad = await preview({ message: { text: 'Hi {{name}}' } });
    expect(bad.status).toBe(400);
  });

  it('previews for a visitor on the site now, from what their page said', async () => {
    const v = await visitor(h, `${h.origin}/demo/pricing.html`, { context: { plan: 'Pro' } });
    const welcome = v.all('welcome')[0] as { visitorId: string };
    const live = await api<Preview>(h, admin, 'POST', `/v1/widgets/${h.demoWidgetId}/message-preview`, {
      message,
      visitorId: welcome.visitorId,
    });
    expect(live.body).toEqual({ text: 'Hi there, questions about Pro?', language: 'en-GB' });
    const gone = await api(h, admin, 'POST', `/v1/widgets/${h.demoWidgetId}/message-preview`, {
      message,
      visitorId: 'vis_gone',
    });
    expect(gone.status).toBe(404);
  });

  it('is for admins and supervisors', async () => {
    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    const asAgent = await api(h, agentCookie, 'POST', `/v1/widgets/${h.demoWidgetId}/message-preview`, {
      message,
    });
    expect(asAgent.status).toBe(403);
  });
});

describe('personalised quick replies', () => {
  it('come filled in for the conversation at hand, to whoever may see it', async () => {
    const created = await api(h, admin, 'POST', '/v1/quick-replies', {
      title: 'Plan',
      text: 'Hi {{visitor.firstName | there}}, {{context.plan | a plan}} it is. {{agent.name}}',
    });
    expect(created.status).toBe(201);
    const refused = await api(h, admin, 'POST', '/v1/quick-replies', {
      title: 'Bad',
      text: 'Hi {{visitr.name}}',
    });
    expect(refused.status).toBe(400);

    const v = await visitor(h, `${h.origin}/demo/pricing.html`, { context: { plan: 'Pro' } });
    v.send({ type: 'chat.start', prechat: { name: 'Alice Martin' } });
    const { conversation } = await v.next('conversation.update');
    type Replies = { quickReplies: { title: string; text: string }[] };
    const filled = await api<Replies>(h, admin, 'GET', `/v1/conversations/${conversation.id}/quick-replies`);
    expect(filled.body.quickReplies).toEqual([
      expect.objectContaining({ title: 'Plan', text: 'Hi Alice, Pro it is. Ada Admin' }),
    ]);
    // The raw list keeps the template; an agent the conversation is not assigned to is refused.
    const raw = await api<Replies>(h, admin, 'GET', '/v1/quick-replies');
    expect(raw.body.quickReplies[0]?.text).toContain('{{visitor.firstName | there}}');
    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    const foreign = await api(h, agentCookie, 'GET', `/v1/conversations/${conversation.id}/quick-replies`);
    expect(foreign.status).toBe(404);
    await v.close();
  });
});
