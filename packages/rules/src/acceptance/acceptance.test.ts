import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate.ts';
import { seededRandom } from '../optimise.ts';
import { anyLeaf, factsArb, treeOf } from '../test-arbitraries.ts';
import { makeFacts, makeRule, T0 } from '../test-factories.ts';
import { AcceptanceModel } from './acceptance-model.ts';
import { planMoment } from './best-moment.ts';
import { journeyFeatures, nextFeatureChangeAt, pageSection } from './journey-features.ts';
import { plainRule, ruleIsSmart } from './plain-rule.ts';

describe('journey features', () => {
  it('names coarse classes, never raw values', () => {
    const facts = makeFacts({
      page: { url: 'https://shop.example/cart/123?email=a@b.c', title: 'Cart', startedAt: T0 - 45_000 },
      visit: {
        startedAt: T0 - 300_000,
        pagesViewed: 4,
        visitNumber: 3,
        referrer: 'https://www.google.com/q=x',
      },
      events: [{ name: 'added_to_cart' }, { name: 'added_to_cart' }],
      device: { type: 'mobile' },
    });
    const names = journeyFeatures(facts, T0, 'Europe/Paris').map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'returning',
        'referrer:search',
        'page:/cart',
        'device:mobile',
        'country:FR',
        'language:fr',
        'hour:11',
        'weekday:1',
        'event:added_to_cart',
        'event:added_to_cart:2+',
        'anonymous',
        'time on page:5',
      ]),
    );
    expect(names.join(' ')).not.toContain('a@b.c');
    expect(pageSection('/')).toBe('/');
  });

  it('says when a time bucket next changes', () => {
    // 45 s on page (bucket 5 until 63 s), 300 s on site (bucket 8 until 511 s).
    const facts = makeFacts({
      page: { url: '/', title: 'Home', startedAt: T0 - 45_000 },
      visit: { startedAt: T0 - 300_000, pagesViewed: 1, visitNumber: 1 },
    });
    expect(nextFeatureChangeAt(facts, T0)).toBe(T0 + 18_000);
    const names = (at: number) => journeyFeatures(facts, at).map((f) => f.name);
    expect(names(T0 + 17_999)).toContain('time on page:5');
    expect(names(T0 + 18_000)).toContain('time on page:6');
  });
});

describe('acceptance model', () => {
  it('is not ready below the minimum of outcomes, then learns which journeys accept', () => {
    const model = new AcceptanceModel();
    const random = seededRandom(7);
    const cart = makeFacts({ page: { url: '/cart', title: 'Cart', startedAt: T0 - 30_000 } });
    const blog = makeFacts({ page: { url: '/blog/x', title: 'Blog', startedAt: T0 - 30_000 } });
    for (let i = 0; i < 10_000; i += 1) {
      if (i === 199) expect(model.ready).toBe(false);
      const onCart = random() < 0.5;
      const accepted = random() < (onCart ? 0.3 : 0.03);
      model.learn({ features: journeyFeatures(onCart ? cart : blog, T0), accepted });
    }
    expect(model.ready).toBe(true);
    const pCart = model.probability(journeyFeatures(cart, T0));
    const pBlog = model.probability(journeyFeatures(blog, T0));
    expect(pCart).toBeGreaterThan(0.2);
    expect(pCart).toBeLessThan(0.4);
    expect(pBlog).toBeLessThan(0.08);
    const explained = model.predict(journeyFeatures(cart, T0));
    expect(explained.up[0]?.feature).toBe('page:/cart');
    expect(model.predict(journeyFeatures(blog, T0)).down[0]?.feature).toBe('page:/blog');
  });

  it('keeps the learning rate within its bounds', () => {
    const model = new AcceptanceModel();
    expect(model.rate()).toBeCloseTo(0.5);
    model.outcomes = 10_000_000;
    expect(model.rate()).toBe(0.05);
  });
});

describe('best moment', () => {
  const rising = (at: number) => Math.min(0.5, 0.05 + (at - T0) / 100_000);
  it('waits while the prediction rises, bounded by the delay', () => {
    const plan = planMoment(rising, T0, { since: T0, maxDelayMs: 60_000 });
    expect(plan).toMatchObject({ inviteNow: false, waitUntil: T0 + 5_000 });
    expect(planMoment(rising, T0 + 60_000, { since: T0, maxDelayMs: 60_000 }).inviteNow).toBe(true);
  });
  it('invites at once from the threshold, and at a maximum', () => {
    expect(planMoment(rising, T0, { since: T0, maxDelayMs: 60_000, threshold: 0.05 }).inviteNow).toBe(true);
    const peak = (at: number) => (at === T0 ? 0.3 : 0.1);
    expect(planMoment(peak, T0, { since: T0, maxDelayMs: 60_000 }).inviteNow).toBe(true);
  });
});

describe('predictedAcceptance condition and the plain rule', () => {
  it('compares the percentage, and counts as met without a prediction', () => {
    const rule = makeRule('r', { type: 'predictedAcceptance', op: 'gte', percent: 20 });
    expect(evaluate([rule], makeFacts({ prediction: { probability: 0.25 } }), T0).fire).toBeDefined();
    const low = evaluate([rule], makeFacts({ prediction: { probability: 0.1 } }), T0);
    expect(low.fire).toBeUndefined();
    expect(low.trace[0]?.failed?.reason).toBe(
      'predicted acceptance is 10%; needs predicted acceptance ≥ 20%',
    );
    expect(evaluate([rule], makeFacts(), T0).fire).toBeDefined();
    expect(ruleIsSmart(rule)).toBe(true);
    expect(ruleIsSmart({ ...rule, smart: { off: true } })).toBe(false);
  });

  it('decides as the rule without prediction whatever the prediction says', () => {
    fc.assert(
      fc.property(treeOf(anyLeaf), factsArb, (tree, facts) => {
        const rule = makeRule('r', tree, { smart: { bestMoment: { maxDelaySeconds: 30 } } });
        const plain = plainRule(rule);
        expect(plain.smart).toBeUndefined();
        expect(plainRule(rule)).toBe(plain);
        const { prediction: _dropped, ...unpredicted } = facts;
        expect(evaluate([plain], facts, T0).fire).toEqual(evaluate([rule], unpredicted, T0).fire);
      }),
    );
  });
});
