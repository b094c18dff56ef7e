import type { LeafCondition } from '@beckon/protocol';
import { leafConditionSchema } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate.ts';
import { makeFacts, makeRule, T0 } from '../test-factories.ts';
import type { VisitorFacts } from '../types.ts';
import { compileLeaf } from './compile-leaf.ts';
import { hostOf } from './referrer.ts';
import { utmOf } from './utm.ts';

function check(condition: LeafCondition, facts: VisitorFacts, now = T0) {
  // Every condition used here must also be valid for the shared schema.
  expect(leafConditionSchema.safeParse(condition).success).toBe(true);
  return compileLeaf(condition)(facts, now);
}
const ok = (condition: LeafCondition, facts: VisitorFacts, now = T0) => check(condition, facts, now).ok;

describe('pageTitle', () => {
  it('compares the title case-insensitively with every operator', () => {
    const facts = makeFacts({ page: { url: 'https://a.example/', title: 'Pricing — Plans', startedAt: T0 } });
    expect(ok({ type: 'pageTitle', op: 'equals', value: 'pricing — plans' }, facts)).toBe(true);
    expect(ok({ type: 'pageTitle', op: 'startsWith', value: 'PRICING' }, facts)).toBe(true);
    expect(ok({ type: 'pageTitle', op: 'contains', value: 'plan' }, facts)).toBe(true);
    expect(ok({ type: 'pageTitle', op: 'wildcard', value: '*plans' }, facts)).toBe(true);
    expect(check({ type: 'pageTitle', op: 'contains', value: 'cart' }, facts)).toEqual({
      ok: false,
      actual: 'Pricing — Plans',
    });
  });
});

describe('urlVisited and urlFunnel', () => {
  const facts = makeFacts({
    visitUrls: ['https://a.example/', 'https://a.example/product/7?x=1', 'https://a.example/cart'],
    page: { url: 'https://a.example/cart', title: 'Cart', startedAt: T0 },
  });

  it('urlVisited looks only at earlier pages of the visit, by path when the value starts with /', () => {
    expect(ok({ type: 'urlVisited', op: 'startsWith', value: '/product/' }, facts)).toBe(true);
    expect(ok({ type: 'urlVisited', op: 'equals', value: '/product/7' }, facts)).toBe(true);
    expect(ok({ type: 'urlVisited', op: 'equals', value: '/cart' }, facts)).toBe(false);
    expect(check({ type: 'urlVisited', op: 'contains', value: 'checkout' }, facts).actual).toEqual([
      'https://a.example/',
      'https://a.example/product/7?x=1',
    ]);
  });

  it('urlFunnel needs the steps in order, other pages allowed between', () => {
    expect(ok({ type: 'urlFunnel', steps: ['/', '/cart'] }, facts)).toBe(true);
    expect(ok({ type: 'urlFunnel', steps: ['/product/*', '/cart'] }, facts)).toBe(true);
    expect(check({ type: 'urlFunnel', steps: ['/cart', '/product/*'] }, facts)).toEqual({
      ok: false,
      actual: 1,
    });
    expect(check({ type: 'urlFunnel', steps: ['/', '/checkout'] }, facts).actual).toBe(1);
  });

  it('without a page list only the current page is known', () => {
    const bare = makeFacts();
    expect(ok({ type: 'urlVisited', op: 'contains', value: 'pricing' }, bare)).toBe(false);
    expect(ok({ type: 'urlFunnel', steps: ['/pricing'] }, bare)).toBe(true);
  });
});

describe('referrer', () => {
  const from = (referrer?: string) =>
    makeFacts({ visit: { startedAt: T0, pagesViewed: 1, visitNumber: 1, referrer } });

  it('host compares the host name, url the whole URL', () => {
    const facts = from('https://User@WWW.Google.com:443/search?q=x');
    expect(ok({ type: 'referrer', part: 'host', op: 'equals', value: 'www.google.com' }, facts)).toBe(true);
    expect(ok({ type: 'referrer', part: 'host', op: 'wildcard', value: '*.google.*' }, facts)).toBe(true);
    expect(ok({ type: 'referrer', part: 'url', op: 'contains', value: '/search?q=' }, facts)).toBe(true);
    expect(ok({ type: 'referrer', part: 'url', op: 'contains', value: 'google.com' }, facts)).toBe(false);
  });

  it('no referrer matches nothing and reports unknown', () => {
    expect(check({ type: 'referrer', part: 'host', op: 'contains', value: 'a' }, from(undefined))).toEqual({
      ok: false,
      actual: undefined,
    });
    expect(hostOf('not a url')).toBeUndefined();
    expect(hostOf('http://[::1]:8080/x')).toBe('[::1]');
  });
});

describe('utm', () => {
  it('parses the landing URL query, decoding values and keeping the first of each', () => {
    expect(
      utmOf(
        'https://a.example/?utm_source=News%20Letter&utm_medium=email&utm_source=x&utm_campaign=spring+sale#top',
      ),
    ).toEqual({ source: 'News Letter', medium: 'email', campaign: 'spring sale' });
    expect(utmOf('https://a.example/')).toEqual({});
    expect(utmOf(undefined)).toEqual({});
    expect(utmOf('https://a.example/?utm_source=%E0%A4%A')).toEqual({ source: '%E0%A4%A' });
  });

  it('compares one parameter case-insensitively; a missing one matches nothing', () => {
    const facts = makeFacts({ utm: { source: 'Newsletter', campaign: 'spring' } });
    expect(ok({ type: 'utm', param: 'source', op: 'equals', value: 'newsletter' }, facts)).toBe(true);
    expect(ok({ type: 'utm', param: 'campaign', op: 'startsWith', value: 'spr' }, facts)).toBe(true);
    expect(check({ type: 'utm', param: 'medium', op: 'contains', value: 'e' }, facts)).toEqual({
      ok: false,
      actual: undefined,
    });
  });
});

describe('pagesViewed', () => {
  it('compares the page views of this visit', () => {
    const facts = makeFacts({ visit: { startedAt: T0, pagesViewed: 4, visitNumber: 1 } });
    expect(ok({ type: 'pagesViewed', op: 'gte', value: 4 }, facts)).toBe(true);
    expect(ok({ type: 'pagesViewed', op: 'gt', value: 4 }, facts)).toBe(false);
    expect(check({ type: 'pagesViewed', op: 'eq', value: 4 }, facts)).toEqual({ ok: true, actual: 4 });
  });
});

describe('time since last visit / chat', () => {
  it('counts whole seconds and says when the answer flips', () => {
    const facts = makeFacts({ lastVisitAt: T0 - 3_600_000, lastChatAt: T0 - 10_500 });
    expect(check({ type: 'timeSinceLastVisit', op: 'gte', seconds: 3600 }, facts)).toEqual({
      ok: true,
      actual: 3600,
      nextChangeAt: undefined,
    });
    expect(check({ type: 'timeSinceLastChat', op: 'gte', seconds: 60 }, facts)).toEqual({
      ok: false,
      actual: 10,
      nextChangeAt: T0 - 10_500 + 60_000,
    });
  });

  it('never visited / never chatted matches nothing and never flips', () => {
    expect(check({ type: 'timeSinceLastVisit', op: 'lt', seconds: 99 }, makeFacts())).toEqual({
      ok: false,
      actual: undefined,
    });
    expect(check({ type: 'timeSinceLastChat', op: 'gte', seconds: 0 }, makeFacts()).ok).toBe(false);
  });

  it('feeds the evaluation deadline', () => {
    const facts = makeFacts({ lastChatAt: T0 - 10_000 });
    const rule = makeRule('r1', { type: 'timeSinceLastChat', op: 'gte', seconds: 30 });
    expect(evaluate([rule], facts, T0).nextCheckAt).toBe(T0 + 20_000);
    expect(evaluate([rule], facts, T0 + 20_000).fire?.ruleId).toBe('r1');
  });
});

describe('authenticated and customer', () => {
  it('authenticated compares the flag', () => {
    expect(ok({ type: 'authenticated', value: true }, makeFacts({ authenticated: true }))).toBe(true);
    expect(ok({ type: 'authenticated', value: false }, makeFacts({ authenticated: true }))).toBe(false);
    expect(ok({ type: 'authenticated', value: false }, makeFacts())).toBe(true);
  });

  it('customer fields: eq, neq, contains, exists; no customer only matches neq', () => {
    const facts = makeFacts({ customer: { name: 'Ada Lovelace', company: 'ACME', email: '' } });
    expect(ok({ type: 'customer', field: 'company', op: 'eq', value: 'acme' }, facts)).toBe(true);
    expect(ok({ type: 'customer', field: 'company', op: 'neq', value: 'acme' }, facts)).toBe(false);
    expect(ok({ type: 'customer', field: 'name', op: 'contains', value: 'love' }, facts)).toBe(true);
    expect(ok({ type: 'customer', field: 'email', op: 'exists' }, facts)).toBe(false);
    expect(ok({ type: 'customer', field: 'name', op: 'exists' }, facts)).toBe(true);
    const nobody = makeFacts();
    expect(ok({ type: 'customer', field: 'company', op: 'eq', value: 'acme' }, nobody)).toBe(false);
    expect(ok({ type: 'customer', field: 'company', op: 'neq', value: 'acme' }, nobody)).toBe(true);
  });
});

describe('event', () => {
  const facts = makeFacts({
    events: [
      { name: 'added_to_cart', props: { sku: 'A1', qty: 1 } },
      { name: 'viewed_video' },
      { name: 'added_to_cart', props: { sku: 'B2', qty: 1 } },
      { name: 'added_to_cart' },
    ],
  });

  it('counts the events of this visit by name', () => {
    expect(check({ type: 'event', name: 'added_to_cart', op: 'gte', count: 2 }, facts)).toEqual({
      ok: true,
      actual: 3,
    });
    expect(ok({ type: 'event', name: 'checkout', op: 'eq', count: 0 }, facts)).toBe(true);
    expect(ok({ type: 'event', name: 'checkout', op: 'gte', count: 1 }, facts)).toBe(false);
  });

  it('with props, only events with every listed prop equal count', () => {
    const cond = (props: Record<string, string | number | boolean>) =>
      check({ type: 'event', name: 'added_to_cart', op: 'gte', count: 1, props }, facts).actual;
    expect(cond({ sku: 'A1' })).toBe(1);
    expect(cond({ qty: 1 })).toBe(2);
    expect(cond({ qty: '1' })).toBe(0);
    expect(cond({ sku: 'A1', qty: 2 })).toBe(0);
  });
});

describe('language, device, browser, region, city', () => {
  const facts = makeFacts({
    language: 'fr-CA',
    device: { type: 'mobile', browser: 'Firefox' },
    location: { country: 'CA', region: 'Quebec', city: 'Montréal' },
  });

  it('a primary tag matches its variants, a full tag only itself', () => {
    expect(ok({ type: 'language', op: 'in', values: ['fr'] }, facts)).toBe(true);
    expect(ok({ type: 'language', op: 'in', values: ['FR-ca'] }, facts)).toBe(true);
    expect(ok({ type: 'language', op: 'in', values: ['fr-FR', 'en'] }, facts)).toBe(false);
    expect(ok({ type: 'language', op: 'notIn', values: ['en'] }, facts)).toBe(true);
  });

  it('lists compare case-insensitively; unknown is in no list', () => {
    expect(ok({ type: 'device', op: 'in', values: ['mobile', 'tablet'] }, facts)).toBe(true);
    expect(ok({ type: 'device', op: 'notIn', values: ['mobile'] }, facts)).toBe(false);
    expect(ok({ type: 'browser', op: 'in', values: ['firefox'] }, facts)).toBe(true);
    expect(ok({ type: 'region', op: 'in', values: ['QUEBEC'] }, facts)).toBe(true);
    expect(ok({ type: 'city', op: 'notIn', values: ['montréal'] }, facts)).toBe(false);
    const unknown = makeFacts({ location: {} });
    expect(check({ type: 'city', op: 'in', values: ['Paris'] }, unknown)).toEqual({
      ok: false,
      actual: undefined,
    });
    expect(ok({ type: 'browser', op: 'notIn', values: ['Safari'] }, unknown)).toBe(true);
  });
});

describe('browser signals', () => {
  const signals = { exitIntent: true, scrollDepth: 70, lastActiveAt: T0 - 4_000 };

  it('exit intent and scroll depth come from the page view signals', () => {
    expect(check({ type: 'exitIntent' }, makeFacts({ signals }))).toEqual({ ok: true, actual: true });
    expect(ok({ type: 'exitIntent' }, makeFacts())).toBe(false);
    expect(ok({ type: 'scrollDepth', op: 'gte', percent: 50 }, makeFacts({ signals }))).toBe(true);
    expect(check({ type: 'scrollDepth', op: 'gte', percent: 50 }, makeFacts())).toEqual({
      ok: false,
      actual: 0,
    });
  });

  it('idle time counts from the last activity, or the page start, and feeds the deadline', () => {
    expect(check({ type: 'idleTime', op: 'gte', seconds: 10 }, makeFacts({ signals }))).toEqual({
      ok: false,
      actual: 4,
      nextChangeAt: T0 + 6_000,
    });
    expect(check({ type: 'idleTime', op: 'gte', seconds: 10 }, makeFacts(), T0 + 12_000).ok).toBe(true);
    const rule = makeRule('idle', {
      type: 'all',
      conditions: [
        { type: 'idleTime', op: 'gte', seconds: 10 },
        { type: 'timeOnPage', op: 'gte', seconds: 3 },
      ],
    });
    expect(evaluate([rule], makeFacts({ signals }), T0).nextCheckAt).toBe(T0 + 6_000);
  });
});

describe('capacity', () => {
  it('agentAvailable and predictedWait read the capacity facts; unknown matches nothing', () => {
    const facts = makeFacts({ capacity: { agentAvailable: true, predictedWaitSeconds: 45 } });
    expect(ok({ type: 'agentAvailable' }, facts)).toBe(true);
    expect(ok({ type: 'agentAvailable' }, makeFacts())).toBe(false);
    expect(ok({ type: 'predictedWait', op: 'lt', seconds: 60 }, facts)).toBe(true);
    expect(ok({ type: 'predictedWait', op: 'lt', seconds: 30 }, facts)).toBe(false);
    expect(check({ type: 'predictedWait', op: 'lt', seconds: 60 }, makeFacts())).toEqual({
      ok: false,
      actual: undefined,
    });
  });
});

describe('explain trace', () => {
  it('gives the actual value in the reason for every new condition', () => {
    const facts = makeFacts({
      events: [{ name: 'added_to_cart' }],
      signals: { exitIntent: false, scrollDepth: 20, lastActiveAt: T0 },
    });
    const reasons = (
      [
        { type: 'event', name: 'added_to_cart', op: 'gte', count: 2 },
        { type: 'scrollDepth', op: 'gte', percent: 50 },
        { type: 'pageTitle', op: 'equals', value: 'Cart' },
        { type: 'referrer', part: 'host', op: 'equals', value: 'x.example' },
        { type: 'exitIntent' },
      ] satisfies LeafCondition[]
    ).map((condition) => evaluate([makeRule('r', condition)], facts, T0).trace[0]?.failed?.reason);
    expect(reasons).toEqual([
      "event 'added_to_cart' count is 1; needs event 'added_to_cart' ≥ 2 times this visit",
      'scroll depth is 20%; needs scroll depth ≥ 50%',
      "page title is 'Pricing'; needs page title equals 'Cart'",
      "referrer host is 'search.example'; needs referrer host equals 'x.example'",
      'exit intent is no; needs exit intent on this page',
    ]);
  });
});
