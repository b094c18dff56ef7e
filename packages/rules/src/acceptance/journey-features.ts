import { hostOf } from '../conditions/referrer.ts';
import { hash32 } from '../split.ts';
import type { TrackedEvent, VisitorFacts } from '../types.ts';
import { zonedSnapshot } from '../zoned-time.ts';

/**
 * The journey features the acceptance model reads, as (name, value) pairs hashed into a fixed-size weight vector.
 * Names are coarse classes, never raw values that could identify someone: a referrer becomes "search" or
 * "social", a URL only its first path segment, an event only its name.
 */
export interface Feature {
  /** Readable, e.g. `returning` or `hour:14`; the explanation shows it. */
  name: string;
  /** Slot in the weight vector (hash of the name). */
  index: number;
  /** 1 for a one-hot feature; a scaled number for the few numeric ones. */
  value: number;
}

/** 2^12 slots: the few hundred distinct names a site produces rarely collide, and the weights stay 32 KB. */
export const FEATURE_SLOTS = 4096;

const searchHosts = /(^|\.)(google|bing|duckduckgo|yahoo|ecosia|qwant|baidu|yandex|startpage|brave)\./;
const socialHosts =
  /(^|\.)(facebook|fb|t|twitter|x|linkedin|lnkd|instagram|reddit|youtube|tiktok|pinterest|mastodon)\.|^t\.co$/;

function slot(name: string): number {
  return hash32(name) % FEATURE_SLOTS;
}

/** log2 buckets: 0, 1, 2–3, 4–7, … capped, so a long stay is one bucket rather than thousands. */
function bucket(amount: number, cap: number): number {
  return Math.min(cap, Math.floor(Math.log2(1 + Math.max(0, amount))));
}

function referrerClass(facts: VisitorFacts): string {
  const referrer = facts.visit.referrer;
  if (!referrer) return 'none';
  const host = hostOf(referrer);
  if (host === undefined) return 'other';
  const own = facts.visitUrls?.[0] !== undefined ? hostOf(facts.visitUrls[0]) : undefined;
  if (own !== undefined && host === own) return 'internal';
  if (searchHosts.test(host)) return 'search';
  if (socialHosts.test(host)) return 'social';
  return 'other';
}

function utmClass(facts: VisitorFacts): string {
  const medium = facts.utm?.medium?.toLowerCase();
  if (medium === undefined) return facts.utm?.source === undefined ? 'none' : 'other';
  if (/^(cpc|ppc|paid|paidsearch|display|cpm|banner)/.test(medium)) return 'paid';
  if (medium.includes('mail') || medium === 'newsletter') return 'email';
  if (medium.includes('social')) return 'social';
  if (medium === 'affiliate' || medium === 'referral') return 'referral';
  return 'other';
}

/** The first path segment of a URL ("/cart/123" → "/cart"): enough to tell a cart page from a blog post. */
export function pageSection(url: string): string {
  const path = url.includes('://') ? url.slice(url.indexOf('/', url.indexOf('://') + 3)) : url;
  const segment = (path.split(/[?#]/, 1)[0] ?? '').split('/')[1] ?? '';
  return `/${segment.toLowerCase().slice(0, 40)}`;
}

/**
 * What the model reads of a visit's tracked events: the first 20 distinct names in order, each seen once or twice
 * and more (2). Enough to rebuild the events' features elsewhere (the Visitors list) without the events.
 */
export function eventCounts(events: readonly TrackedEvent[]): { name: string; count: 1 | 2 }[] {
  const counts = new Map<string, 1 | 2>();
  for (const event of events) {
    const seen = counts.get(event.name);
    // Bounded: a page tracking hundreds of distinct names must not make one prediction cost hundreds.
    if (seen === undefined && counts.size >= 20) continue;
    counts.set(event.name, seen === undefined ? 1 : 2);
  }
  return [...counts].map(([name, count]) => ({ name, count }));
}

/**
 * The features of this visitor at `at`. `timeZone` is the widget's (its operating hours'), for the local hour and
 * weekday; absent or unknown: UTC. Time on page and on site enter twice: as log2 buckets (any shape) and as one
 * scaled number each (so a stay longer than any seen so far still extrapolates).
 */
export function journeyFeatures(facts: VisitorFacts, at: number, timeZone?: string): Feature[] {
  const features: Feature[] = [];
  const add = (name: string, value = 1) => features.push({ name, index: slot(name), value });
  const onPage = Math.max(0, (at - facts.page.startedAt) / 1000);
  const onSite = Math.max(0, (at - facts.visit.startedAt) / 1000);
  add('bias');
  add(`time on page:${bucket(onPage, 11)}`);
  add(`time on site:${bucket(onSite, 13)}`);
  add('time on site (log)', Math.log1p(onSite / 60) / 2);
  add('time on page (log)', Math.log1p(onPage / 60) / 2);
  add(`pages viewed:${bucket(facts.visit.pagesViewed, 5)}`);
  add('pages viewed (log)', Math.log1p(facts.visit.pagesViewed) / 2);
  add(facts.visit.visitNumber > 1 ? 'returning' : 'first visit');
  add(`visit:${bucket(facts.visit.visitNumber, 5)}`);
  add(`referrer:${referrerClass(facts)}`);
  add(`utm:${utmClass(facts)}`);
  add(`device:${facts.device?.type ?? 'unknown'}`);
  add(`language:${(facts.language.split('-', 1)[0] ?? '').toLowerCase().slice(0, 8) || 'unknown'}`);
  add(`country:${facts.location.country ?? 'unknown'}`);
  add(`page:${pageSection(facts.page.url)}`);
  add(facts.authenticated || facts.customer !== undefined ? 'identified' : 'anonymous');
  const local = zonedSnapshot(timeZone ?? 'UTC', at) ?? zonedSnapshot('UTC', at);
  if (local) {
    add(`hour:${Math.floor(local.msOfDay / 3_600_000)}`);
    add(`weekday:${local.local.day}`);
  }
  for (const { name, count } of eventCounts(facts.events ?? [])) {
    add(`event:${name.slice(0, 40)}`);
    if (count > 1) add(`event:${name.slice(0, 40)}:2+`);
  }
  return features;
}

/**
 * The next instant after `at` at which a time bucket of the journey's features changes (time on page, time on site,
 * the hour), facts otherwise unchanged: when a prediction can next move by more than its slow log terms. log2
 * buckets make these checks sparser as the visit goes on (1, 3, 7, 15, … seconds).
 */
export function nextFeatureChangeAt(facts: VisitorFacts, at: number): number {
  const nextBoundary = (since: number) => {
    const seconds = Math.max(0, (at - since) / 1000);
    return since + (2 ** (Math.floor(Math.log2(1 + seconds)) + 1) - 1) * 1000;
  };
  const nextHour = (Math.floor(at / 3_600_000) + 1) * 3_600_000;
  return Math.min(nextBoundary(facts.page.startedAt), nextBoundary(facts.visit.startedAt), nextHour);
}
