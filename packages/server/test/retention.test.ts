import type { RetentionResponse } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t0 } from '../src/ports/store-contract/fixtures.ts';
import { person, seedPersonHistory } from '../src/ports/store-contract/personal-data-history.ts';
import { api } from './api.ts';
import { type Harness, password, startHarness } from './harness.ts';

const day = 86_400_000;
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('retention', () => {
  it('admins read and set the periods, forever included; bad input is refused; changes are audited', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const initial = await api<RetentionResponse>(h, admin, 'GET', '/v1/settings/retention');
    expect(initial.body.retention).toEqual({
      pageViews: 90,
      events: 90,
      messages: 730,
      conversations: null,
      audit: 365,
      webhookDeliveries: 30,
    });
    const next = {
      pageViews: 30,
      events: 90,
      messages: null,
      conversations: null,
      audit: 365,
      webhookDeliveries: 7,
    };
    const saved = await api<RetentionResponse>(h, admin, 'PUT', '/v1/settings/retention', next);
    expect(saved.body.retention).toEqual(next);
    expect((await api<RetentionResponse>(h, admin, 'GET', '/v1/settings/retention')).body.retention).toEqual(
      next,
    );
    expect((await api(h, admin, 'PUT', '/v1/settings/retention', { ...next, pageViews: 0 })).status).toBe(
      400,
    );
    expect((await api(h, admin, 'PUT', '/v1/settings/retention', { ...next, other: 1 })).status).toBe(400);
    const agent = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, agent, 'GET', '/v1/settings/retention')).status).toBe(403);
    const audit = await h.node.services.audit.list({ action: 'retention.updated', limit: 5 });
    expect(audit.map((e) => e.details)).toEqual([
      {
        pageViews: { from: 90, to: 30 },
        messages: { from: 730, to: null },
        webhookDeliveries: { from: 30, to: 7 },
      },
    ]);
  });

  it('purges what is older than its period on the clock, keeps the rest and the funnel figures', async () => {
    const { store, services } = h.node;
    await seedPersonHistory(store);
    const now = h.clock.now();
    // Recent rows of each kind, which must stay.
    await store.recordPageView({
      id: 'pv_new',
      visitorId: 'vis_other',
      url: 'https://a.example/',
      title: '',
      at: now - day,
    });
    await store.addVisitEvent({
      id: 'evt_new',
      visitorId: 'vis_other',
      visitStartedAt: now,
      name: 'e',
      at: now - day,
    });
    // What the funnel and the supervisor's figures are computed from, over the seeded history's period.
    const figures = async () => ({
      invitations: await store.listWidgetInvitations('wgt_1', t0 - day, t0 + day),
      conversations: await store.listWidgetConversations('wgt_1', t0 - day, t0 + day),
      byStatus: await store.countInvitationsByStatus(0),
    });
    await store.endConversation(person.conversationId, now - 800 * day);
    const figuresBefore = await figures();
    expect(figuresBefore.invitations).toHaveLength(1);
    expect(figuresBefore.conversations).toHaveLength(2);

    const purged = await services.retention.purge();
    // The seeded history is from 2023 (fixtures' t0): its page views, events and ended chat's messages go.
    expect(purged).toMatchObject({ pageViews: 3, events: 1, messages: 2 });
    expect((await store.listPageViews('vis_other', 0)).map((v) => v.id)).toEqual(['pv_new']);
    expect((await store.listVisitEvents('vis_other', now, 10)).map((e) => e.id)).toEqual(['evt_new']);
    expect(await store.listMessages(person.conversationId, 0)).toEqual([]);
    // The open conversation keeps its messages whatever their age.
    expect(await store.listMessages('cnv_other', 0)).toHaveLength(1);
    expect(await figures()).toEqual(figuresBefore);
    expect(await services.retention.purge()).toEqual({});

    // Keep forever: nothing goes.
    await store.recordPageView({
      id: 'pv_old',
      visitorId: 'vis_other',
      url: 'https://a.example/',
      title: '',
      at: 0,
    });
    await services.retention.update('usr_x', {
      pageViews: null,
      events: 90,
      messages: 730,
      conversations: null,
      audit: 365,
    });
    expect(await services.retention.purge()).toEqual({});
    expect((await store.listPageViews('vis_other', 0)).map((v) => v.id)).toEqual(['pv_old', 'pv_new']);
    expect((await store.listAuditEntries({ action: 'retention.purged', limit: 5 })).length).toBe(1);
  });
});
