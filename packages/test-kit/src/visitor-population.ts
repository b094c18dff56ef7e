import { seededRandom, type VisitorFacts } from '@beckon/rules';

/**
 * A seeded population of simulated visits with a known propensity to accept an invitation: it depends on being a
 * returning visitor, being on the cart page and the time spent on the site (and a little on the device), so a
 * policy's choices of whom to invite and when can be scored against the truth. Visits are journeys of pages with
 * dwell times; nothing here talks to a server.
 */
export interface SimulatedPageView {
  url: string;
  /** How long the visitor stays on this page before the next one (or leaving, after the last). */
  dwellMs: number;
}

export interface SimulatedVisit {
  returning: boolean;
  visitNumber: number;
  device: 'desktop' | 'mobile';
  referrer?: string;
  country: string;
  language: string;
  pages: SimulatedPageView[];
}

export interface Moment {
  returning: boolean;
  onCart: boolean;
  timeOnSiteSeconds: number;
  mobile: boolean;
}

/** The true chance that an invitation shown at this moment is accepted (logistic in the moment's traits). */
export function truePropensity(moment: Moment): number {
  const timeOnSite = Math.min(Math.log2(1 + moment.timeOnSiteSeconds / 30), 3.5);
  const logit =
    -3.4 +
    1.1 * (moment.returning ? 1 : 0) +
    1.6 * (moment.onCart ? 1 : 0) +
    0.55 * timeOnSite -
    0.4 * (moment.mobile ? 1 : 0);
  return 1 / (1 + Math.exp(-logit));
}

const origin = 'https://shop.example';
const referrers = [
  undefined,
  'https://www.google.com/',
  'https://www.facebook.com/',
  'https://blog.partner.example/',
];

export class VisitorPopulation {
  private readonly random: () => number;
  /** Outcomes draw from their own source: two policies showing different invitations still see the same visits. */
  private readonly answers: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
    this.answers = seededRandom(seed ^ 0x5bd1e995);
  }

  /** A uniform draw in [0, 1) from the population's seeded source of visits. */
  draw(): number {
    return this.random();
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private dwellMs(): number {
    // Exponential stays, mean 35 s, at least 2 s.
    return Math.max(2_000, Math.round(-Math.log(1 - this.random()) * 35_000));
  }

  nextVisit(): SimulatedVisit {
    const returning = this.random() < 0.3;
    const pages: SimulatedPageView[] = [];
    let section = this.random() < 0.4 ? 'home' : this.random() < 0.67 ? 'product' : 'blog';
    do {
      const url =
        section === 'home' ? `${origin}/` : `${origin}/${section}/${1 + Math.floor(this.random() * 50)}`;
      pages.push({ url, dwellMs: this.dwellMs() });
      const next = this.random();
      section =
        section === 'product' && next < 0.3
          ? 'cart'
          : section === 'cart' && next < 0.3
            ? 'checkout'
            : this.pick(['home', 'product', 'product', 'blog']);
    } while (pages.length < 12 && this.random() < 0.7);
    return {
      returning,
      visitNumber: returning ? 2 + Math.floor(this.random() * 4) : 1,
      device: this.random() < 0.45 ? 'mobile' : 'desktop',
      referrer: this.pick(referrers),
      country: this.pick(['FR', 'FR', 'BE', 'DE', 'GB', 'US']),
      language: this.pick(['fr-FR', 'en-GB', 'de-DE']),
      pages,
    };
  }

  /** Shows an invitation at this moment: accepted (with the true propensity), else dismissed or left to expire. */
  show(moment: Moment): 'accepted' | 'dismissed' | 'expired' {
    if (this.answers() < truePropensity(moment)) return 'accepted';
    return this.answers() < 0.6 ? 'dismissed' : 'expired';
  }
}

/** The engine's facts for a simulated visit on page `index`, which started `pageStartedAt`, the visit at `visitStartedAt`. */
export function simulatedFacts(
  visit: SimulatedVisit,
  index: number,
  visitStartedAt: number,
  pageStartedAt: number,
): VisitorFacts {
  const pages = visit.pages.slice(0, index + 1).map((page) => page.url);
  return {
    page: { url: pages[index] as string, title: 'Page', startedAt: pageStartedAt },
    visit: {
      startedAt: visitStartedAt,
      pagesViewed: index + 1,
      visitNumber: visit.visitNumber,
      ...(visit.referrer ? { referrer: visit.referrer } : {}),
    },
    language: visit.language,
    location: { country: visit.country },
    context: {},
    authenticated: false,
    visitUrls: pages,
    device: { type: visit.device },
  };
}

/** The traits the true propensity reads, at `at` on page `index`. */
export function momentOf(visit: SimulatedVisit, index: number, visitStartedAt: number, at: number): Moment {
  return {
    returning: visit.returning,
    onCart: (visit.pages[index]?.url ?? '').includes('/cart/'),
    timeOnSiteSeconds: (at - visitStartedAt) / 1000,
    mobile: visit.device === 'mobile',
  };
}
