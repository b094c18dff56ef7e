import type { LiveVisitor } from '@beckon/protocol';
import { FakeClock } from '@beckon/test-kit';
import { describe, expect, it } from 'vitest';
import { livePage, pageChanges } from './live-visitor-list.ts';

const clock = new FakeClock(Date.UTC(2026, 11, 5, 9, 0, 0));
const t0 = clock.now();

function live(id: string, extra: Partial<LiveVisitor> = {}): LiveVisitor {
  return {
    id,
    widgetId: 'wgt_1',
    page: { url: `https://shop.example/${id}`, title: id },
    pageStartedAt: t0,
    visitStartedAt: t0,
    lastActiveAt: t0,
    pagesViewed: 1,
    visitNumber: 1,
    journey: [],
    location: {},
    device: { type: 'desktop' },
    language: 'en',
    consent: 'not-required',
    state: 'browsing',
    invitedThisVisit: false,
    ...extra,
  };
}

const visitors = [
  live('vis_a', {
    visitStartedAt: t0 - 600_000,
    pagesViewed: 2,
    location: { country: 'France', city: 'Lyon' },
  }),
  live('vis_b', { visitStartedAt: t0 - 60_000, pagesViewed: 7, visitNumber: 3 }),
  live('vis_c', {
    page: { url: 'https://shop.example/pricing', title: 'Pricing' },
    customer: { name: 'Ada', verified: true },
    invitedThisVisit: true,
  }),
  live('vis_d', { state: 'chatting', location: { country: 'france' } }),
];

const ids = (page: { visitors: LiveVisitor[] }) => page.visitors.map((visitor) => visitor.id);

describe('the live list: filters, sort, page', () => {
  it('sorts by time on site, pages and arrival, ties by id', () => {
    const now = clock.now();
    expect(ids(livePage(visitors, {}, 'timeOnSite', 100, now))).toEqual(['vis_a', 'vis_b', 'vis_c', 'vis_d']);
    expect(ids(livePage(visitors, {}, 'pages', 100, now))).toEqual(['vis_b', 'vis_a', 'vis_c', 'vis_d']);
    expect(ids(livePage(visitors, {}, 'arrival', 100, now))).toEqual(['vis_c', 'vis_d', 'vis_b', 'vis_a']);
  });

  it('pages server-side and says how many match in all', () => {
    const page = livePage(visitors, {}, 'pages', 2, clock.now());
    expect(page.total).toBe(4);
    expect(ids(page)).toEqual(['vis_b', 'vis_a']);
  });

  it('filters by page, country, returning, identified and not yet invited', () => {
    const now = clock.now();
    const only = (filter: Parameters<typeof livePage>[1]) =>
      ids(livePage(visitors, filter, 'pages', 100, now));
    expect(only({ pageContains: 'PRICING' })).toEqual(['vis_c']);
    expect(only({ country: 'France' })).toEqual(['vis_a', 'vis_d']);
    expect(only({ returning: true })).toEqual(['vis_b']);
    expect(only({ returning: false })).toEqual(['vis_a', 'vis_c', 'vis_d']);
    expect(only({ identified: true })).toEqual(['vis_c']);
    expect(only({ notInvited: true })).toEqual(['vis_b', 'vis_a', 'vis_d']);
    expect(only({ widgetId: 'wgt_other' })).toEqual([]);
  });

  it('idle is a matter of time: two minutes without activity, browsing visitors only', async () => {
    const list = [live('vis_quiet'), live('vis_busy', { state: 'chatting' })];
    expect(livePage(list, { idle: true }, 'arrival', 100, clock.now()).total).toBe(0);
    await clock.advance(119_999);
    expect(livePage(list, { idle: true }, 'arrival', 100, clock.now()).total).toBe(0);
    await clock.advance(1);
    const idle = livePage(list, { idle: true }, 'arrival', 100, clock.now());
    expect(idle.visitors.map((v) => [v.id, v.state])).toEqual([['vis_quiet', 'idle']]);
    expect(ids(livePage(list, { idle: false }, 'arrival', 100, clock.now()))).toEqual(['vis_busy']);
  });

  it('tells a watcher only what changed in its page', () => {
    const before = pageChanges(new Map(), [live('vis_a'), live('vis_b')]).fingerprints;
    const moved = live('vis_b', { pagesViewed: 2 });
    const next = pageChanges(before, [live('vis_a'), moved, live('vis_c')]);
    expect(next.changed.map((v) => v.id)).toEqual(['vis_b', 'vis_c']);
    expect(next.removed).toEqual([]);
    expect(pageChanges(next.fingerprints, [moved]).removed).toEqual(['vis_a', 'vis_c']);
  });
});
