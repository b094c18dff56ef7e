import type { ConditionNode, LeafCondition, Rule } from '@beckon/protocol';
import type { VisitorFacts } from '@beckon/rules';

/** A deterministic workload: the same rules and visitors on every run and machine (mulberry32 PRNG). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sections = [
  'pricing',
  'product',
  'cart',
  'checkout',
  'blog',
  'help',
  'account',
  'docs',
  'careers',
  'about',
];
const countries = ['FR', 'BE', 'DE', 'GB', 'US', 'ES', 'IT', 'NL', 'CH', 'CA'];
const zones = ['Europe/Paris', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'UTC'];
const plans = ['Free', 'Pro', 'Team', 'Enterprise'];

export const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function leaf(random: () => number): LeafCondition {
  const section = pick(random, sections);
  switch (Math.floor(random() * 8)) {
    case 0:
      return { type: 'currentUrl', op: 'wildcard', value: `*/${section}/*?ref=*` };
    case 1:
      return { type: 'currentUrl', op: 'startsWith', value: `/${section}` };
    case 2:
      return { type: 'timeOnPage', op: 'gte', seconds: 10 + Math.floor(random() * 120) };
    case 3:
      return { type: 'timeOnSite', op: 'gte', seconds: 60 + Math.floor(random() * 600) };
    case 4:
      return {
        type: 'country',
        op: random() < 0.5 ? 'in' : 'notIn',
        values: [pick(random, countries), pick(random, countries)],
      };
    case 5:
      return { type: 'context', name: 'cartValue', op: 'gte', value: Math.floor(random() * 300) };
    case 6:
      return { type: 'context', name: 'plan', op: 'eq', value: pick(random, plans) };
    default:
      return {
        type: 'executionWindow',
        timeZone: pick(random, zones),
        days: [1, 2, 3, 4, 5],
        startTime: '09:00',
        endTime: '18:00',
      };
  }
}

/** Rules shaped like real ones: a URL leaf, a time leaf, and one or two targeting leaves, sometimes in an any. */
export function makeRules(count: number, seed = 1): Rule[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i): Rule => {
    const section = pick(random, sections);
    const conditions: ConditionNode[] = [
      random() < 0.5
        ? { type: 'currentUrl', op: 'wildcard', value: `*/${section}*` }
        : { type: 'currentUrl', op: 'startsWith', value: `/${section}` },
      { type: 'timeOnPage', op: 'gte', seconds: 5 + Math.floor(random() * 90) },
      random() < 0.3 ? { type: 'any', conditions: [leaf(random), leaf(random)] } : leaf(random),
    ];
    if (random() < 0.3) conditions.push({ type: 'not', condition: leaf(random) });
    return {
      id: `rul_${String(i).padStart(4, '0')}`,
      widgetId: 'wgt_bench',
      name: `rule ${i}`,
      enabled: random() > 0.05,
      priority: Math.floor(random() * 1000),
      conditions: { type: 'all', conditions },
      message: { text: 'Need help, {name}?', translations: { fr: 'Besoin d’aide ?' } },
      showPrechat: false,
      updatedAt: 0,
    };
  });
}

export function makeVisitors(count: number, seed = 2): VisitorFacts[] {
  const random = prng(seed);
  return Array.from({ length: count }, (): VisitorFacts => {
    const onPage = Math.floor(random() * 180_000);
    return {
      page: {
        url: `https://shop.example/${pick(random, sections)}/item-${Math.floor(random() * 500)}?ref=mail`,
        title: 'Page',
        startedAt: NOW - onPage,
      },
      visit: {
        startedAt: NOW - onPage - Math.floor(random() * 900_000),
        pagesViewed: 1 + Math.floor(random() * 12),
        visitNumber: 1 + Math.floor(random() * 5),
      },
      language: random() < 0.5 ? 'en-GB' : 'fr-FR',
      location: { country: pick(random, countries) },
      context: { cartValue: Math.floor(random() * 400), plan: pick(random, plans) },
      authenticated: random() < 0.2,
    };
  });
}
