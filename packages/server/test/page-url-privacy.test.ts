import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, visitor } from './harness.ts';

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
});
