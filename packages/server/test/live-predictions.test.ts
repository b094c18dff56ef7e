import type { LiveVisitor } from '@beckon/protocol';
import { AcceptanceModel, journeyFeatures } from '@beckon/rules';
import { FakeClock } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { AcceptanceLearner, serialiseModel } from '../src/domain/proactive/acceptance-learner.ts';
import { predictionPushes } from '../src/domain/proactive/explanations.ts';
import { LivePredictions, liveVisitorJourney } from '../src/domain/proactive/live-predictions.ts';
import { liveVisitorView } from '../src/domain/visitors/live-visitor-view.ts';
import { factsOf, type VisitorSession } from '../src/domain/visitors/visitor-session.ts';
import type { Store } from '../src/ports/store.ts';
import { seedWidget } from '../src/ports/store-contract/fixtures.ts';
import { Deadlines } from '../src/scheduler/deadlines.ts';

const t0 = Date.UTC(2026, 11, 5, 9, 0, 0);
const settings = { minOutcomes: 10, l2: 1e-4, maxRate: 0.5, minRate: 0.05 };

function live(id: string, url: string, extra: Partial<LiveVisitor> = {}): LiveVisitor {
  return {
    id,
    widgetId: 'wgt_1',
    page: { url, title: id },
    pageStartedAt: t0 - 10_000,
    visitStartedAt: t0 - 60_000,
    lastActiveAt: t0,
    pagesViewed: 2,
    visitNumber: 1,
    journey: [url],
    location: {},
    device: { type: 'desktop' },
    language: 'en',
    consent: 'not-required',
    state: 'browsing',
    invitedThisVisit: false,
    ...extra,
  };
}

const cart = live('vis_cart', 'https://shop.example/cart');
const blog = live('vis_blog', 'https://shop.example/blog/post');

let clock: FakeClock;
let store: Store;
let reads: number;
let predictions: LivePredictions;
beforeEach(async () => {
  clock = new FakeClock(t0);
  store = await createSqliteStore({ file: ':memory:' });
  await seedWidget(store);
  // A model that learnt cart visitors accept and blog readers do not.
  const model = new AcceptanceModel(settings);
  for (let i = 0; i < 40; i++) {
    const onCart = i % 2 === 0;
    model.learn({
      features: journeyFeatures(liveVisitorJourney(onCart ? cart : blog), t0),
      accepted: onCart,
    });
  }
  await store.saveAcceptanceModel({
    widgetId: 'wgt_1',
    model: serialiseModel(model),
    version: 1,
    updatedAt: t0,
  });
  reads = 0;
  const counted: Pick<Store, 'getWidget'> = {
    getWidget: (id) => {
      reads++;
      return store.getWidget(id);
    },
  };
  const learner = new AcceptanceLearner(store, clock, new Deadlines(clock, () => {}), settings);
  predictions = new LivePredictions(counted, learner, clock, (_key, error) => {
    throw error;
  });
});
afterEach(async () => {
  await store.close();
});

/** Resolves when a background read has finished and the list would be built again. */
const nextReady = () => new Promise<void>((resolve) => predictions.onReady(resolve));

describe('predicted acceptance in the Visitors list', () => {
  it('adds nothing until the widget is read in the background, then each visitor’s prediction and pushes', async () => {
    const read = nextReady();
    expect(predictions.annotate([cart, blog], t0)).toEqual([cart, blog]);
    await read;
    const [onCart, onBlog] = predictions.annotate([cart, blog], t0);
    expect(onCart!.prediction!.percent).toBeGreaterThan(onBlog!.prediction!.percent);
    expect(onCart!.prediction!.up.map((push) => push.feature)).toContain('page:/cart');
    expect(onBlog!.prediction!.down.map((push) => push.feature)).toContain('page:/blog');
  });

  it('reads a widget at most once a minute, however often the list is built', async () => {
    await predictions.prepare('wgt_1');
    for (let i = 0; i < 50; i++) predictions.annotate([cart, blog], t0 + i * 1000);
    expect(reads).toBe(1);
    const read = nextReady();
    predictions.annotate([cart], t0 + 60_000);
    await read;
    expect(reads).toBe(2);
  });

  it('predicts nothing for a visitor without consent, nor on a widget switched off', async () => {
    await predictions.prepare('wgt_1');
    const pending = { ...cart, consent: 'pending' as const, page: { url: '', title: '' } };
    expect(predictions.annotate([pending], t0)[0]!.prediction).toBeUndefined();
    expect(predictions.annotate([cart], t0)[0]!.prediction).toBeDefined();
    const widget = (await store.getWidget('wgt_1'))!;
    await store.updateWidget({ ...widget, smartInvitations: false });
    await clock.advance(60_000);
    await predictions.prepare('wgt_1');
    expect(predictions.annotate([cart], clock.now())[0]!.prediction).toBeUndefined();
  });

  it('predicts from what the rules and Explain predict from: tracked events, UTM medium, a verified identity', async () => {
    const widget = (await store.getWidget('wgt_1'))!;
    const landing = 'https://shop.example/?utm_source=news&utm_medium=email';
    const session: VisitorSession = {
      connectionId: 'con_1',
      visitorId: 'vis_1',
      widget,
      language: 'fr-FR',
      device: { type: 'mobile' },
      location: { country: 'FR' },
      context: {},
      authenticated: true,
      customerSub: 'ext-1',
      page: { url: 'https://shop.example/cart', title: 'Cart', startedAt: t0 - 20_000 },
      visit: { startedAt: t0 - 90_000, number: 2, pagesViewed: 2 },
      tracking: true,
      visitUrls: [landing, 'https://shop.example/cart'],
      events: [{ name: 'add_to_cart' }, { name: 'viewed_price' }, { name: 'add_to_cart' }],
      signals: { exitIntent: false, scrollDepth: 0, lastActiveAt: t0 },
    };
    // A model that learnt the inputs the list used to lack: e-mail campaigns, added to cart twice, signed in.
    const model = new AcceptanceModel(settings);
    const plain = { ...factsOf(session), events: [], utm: {}, authenticated: false };
    for (let i = 0; i < 40; i++) {
      model.learn({ features: journeyFeatures(i % 2 ? plain : factsOf(session), t0), accepted: i % 2 === 0 });
    }
    await store.saveAcceptanceModel({
      widgetId: 'wgt_1',
      model: serialiseModel(model),
      version: 2,
      updatedAt: t0,
    });
    const view = liveVisitorView({
      tabs: new Set([session]),
      latest: session,
      invitedThisVisit: false,
      visitStartedAt: session.visit.startedAt,
      publishedActiveAt: t0,
    });
    const names = (facts: Parameters<typeof journeyFeatures>[0]) =>
      journeyFeatures(facts, t0, widget.operatingHours?.timeZone)
        .map((feature) => `${feature.name}=${feature.value}`)
        .sort();
    expect(names(liveVisitorJourney(view))).toEqual(names(factsOf(session)));
    await predictions.prepare('wgt_1');
    const learner = new AcceptanceLearner(store, clock, new Deadlines(clock, () => {}), settings);
    await learner.prepare('wgt_1');
    const explained = predictionPushes(learner.predict(widget, factsOf(session), t0)!);
    expect(predictions.annotate([view], t0)[0]!.prediction).toEqual(explained);
    expect(explained.up.map((push) => push.feature)).toEqual(
      expect.arrayContaining(['utm:email', 'identified', 'event:add_to_cart']),
    );
  });
});
