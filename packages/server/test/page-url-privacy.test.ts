import { urlParamDenyListLimits, type Widget } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { type Harness, password, startHarness, visitor } from './harness.ts';

/** Page URLs are kept without fragments and without secret-looking query parameters, from the first hello on. */
describe('recorded page URLs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('stores page views, the start URL and the referrer scrubbed, and agents see them so', async () => {
    const v = await visitor(h, `${h.origin}/demo/pricing.html?plan=pro&token=abc#v=vis_secret`, {
      page: {
        url: `${h.origin}/demo/pricing.html?plan=pro&token=abc#v=vis_secret`,
        title: 'Pricing',
        referrer: 'https://mail.example/open?email=ann%40example.com&campaign=7',
      },
    });
    const { visitorId } = v.all('welcome')[0] ?? { visitorId: '' };
    v.send({
      type: 'page',
      page: { url: `${h.origin}/demo/index.html?Password=x&q=shoes#access_token=y`, title: 'Home' },
    });
    v.send({ type: 'chat.start' });
    await v.next('conversation.update');

    const views = await h.node.store.listPageViews(visitorId, 0);
    expect(views.map((view) => view.url).sort()).toEqual([
      `${h.origin}/demo/index.html?q=shoes`,
      `${h.origin}/demo/pricing.html?plan=pro`,
    ]);
    const landing = views.find((view) => view.url.includes('pricing'));
    expect(landing?.referrer).toBe('https://mail.example/open?campaign=7');
    const conversation = await h.node.store.findOpenConversation(visitorId);
    expect(conversation?.context.startUrl).toBe(`${h.origin}/demo/index.html?q=shoes`);
    expect(conversation?.context.referrer).toBe('https://mail.example/open?campaign=7');
    expect(JSON.stringify(conversation?.context)).not.toMatch(/abc|vis_secret|access_token|ann%40/);
    await v.close();
  });

  it("scrubs a widget's own parameter names too, from the next connection on; names are validated", async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const patched = await api<Widget>(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, {
      urlParamDenyList: ['ref_customer', ' Voucher '],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.urlParamDenyList).toEqual(['ref_customer', 'Voucher']);

    const url = `${h.origin}/demo/pricing.html?plan=pro&REF_CUSTOMER=c42&voucher=V1&token=t`;
    const v = await visitor(h, url);
    const { visitorId } = v.all('welcome')[0] ?? { visitorId: '' };
    v.send({ type: 'page', page: { url: `${h.origin}/demo/index.html?voucher=V2&q=1`, title: 'Home' } });
    v.send({ type: 'chat.start' });
    await v.next('conversation.update');
    const views = await h.node.store.listPageViews(visitorId, 0);
    expect(views.map((view) => view.url).sort()).toEqual([
      `${h.origin}/demo/index.html?q=1`,
      `${h.origin}/demo/pricing.html?plan=pro`,
    ]);
    await v.close();

    // Bounded: too many names, too long a name, or a name with characters no URL parameter has.
    const tooMany = Array.from({ length: urlParamDenyListLimits.maxNames + 1 }, (_, i) => `p${i}`);
    for (const urlParamDenyList of [tooMany, ['x'.repeat(65)], ['a b'], ['']]) {
      const refused = await api<{ error: { code: string } }>(
        h,
        admin,
        'PATCH',
        `/v1/widgets/${h.demoWidgetId}`,
        {
          urlParamDenyList,
        },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
