import type { LeafCondition, OperatingHours } from '@beckon/protocol';

/** Everything the engine knows about one visitor at one instant. All times are epoch milliseconds. */
export interface VisitorFacts {
  /** The current page view; `startedAt` is when it started. */
  page: { url: string; title: string; startedAt: number };
  visit: { startedAt: number; pagesViewed: number; visitNumber: number; referrer?: string };
  /** BCP 47, e.g. 'fr-FR'. */
  language: string;
  /** `country` is an ISO 3166-1 alpha-2 code, upper case. */
  location: { country?: string; region?: string; city?: string };
  /** Custom context values supplied by the page. */
  context: Record<string, string | number | boolean>;
  authenticated: boolean;
  visitorName?: string;
  /** The widget's weekly schedule; absent = always open. */
  operatingHours?: OperatingHours;
  /** URLs of this visit's page views in order, the current page last (absent: only the current page known). */
  visitUrls?: readonly string[];
  /** UTM parameters of the visit's landing URL (see `utmOf`). */
  utm?: { source?: string; medium?: string; campaign?: string };
  /** When the previous visit ended (its last activity); absent on a first visit. */
  lastVisitAt?: number;
  /** When the visitor's last chat ended, or started if it is still open; absent if they never chatted. */
  lastChatAt?: number;
  /** Fields of the customer record linked to the visitor, when one is. */
  customer?: Partial<Record<'name' | 'email' | 'phone' | 'company' | 'externalId', string>>;
  /** `Beckon.track()` events of this visit, oldest first. */
  events?: readonly TrackedEvent[];
  device?: { type: 'desktop' | 'tablet' | 'mobile'; browser?: string };
  /** Browser signals for the current page view. */
  signals?: { exitIntent: boolean; scrollDepth: number; lastActiveAt: number };
  /** Whether a chat started now would be answered, from routing (`capacityFacts`). */
  capacity?: { agentAvailable: boolean; predictedWaitSeconds?: number };
  /** The widget's acceptance model's chance (0–1) that an invitation shown now is accepted; absent: not ready or off. */
  prediction?: { probability: number };
}

export interface TrackedEvent {
  name: string;
  props?: Record<string, string | number | boolean>;
}

export interface FailedCondition {
  /** Where the leaf sits in the rule's tree, e.g. 'conditions.all[1].not'. */
  path: string;
  condition: LeafCondition;
  actual: unknown;
  reason: string;
}

export interface RuleTrace {
  ruleId: string;
  ruleName: string;
  priority: number;
  outcome: 'fired' | 'outranked' | 'not-matched' | 'disabled';
  /** First failing leaf (depth-first, in order) when not-matched; absent when no leaf is to blame (`any: []`). */
  failed?: FailedCondition;
  /** When known: the earliest instant the rule could start matching from time passing alone. */
  becomesTrueAt?: number;
}

export interface Firing {
  ruleId: string;
  ruleName: string;
  message: string;
  showPrechat: boolean;
}

export interface Evaluation {
  fire?: Firing;
  /** Only when nothing fires: re-evaluate no later than this instant, facts unchanged. */
  nextCheckAt?: number;
  /** One entry per input rule, in input order. */
  trace: RuleTrace[];
}

/** The outcome of checking one leaf condition against the facts at `now`. */
export interface LeafResult {
  ok: boolean;
  actual: unknown;
  /** Set only when the generic explanation would be wrong or unhelpful (e.g. an unknown time zone). */
  reason?: string;
  /** Earliest instant (> now) at which `ok` could flip from time passing alone; may be early, never late. */
  nextChangeAt?: number;
}

export type LeafCheck = (facts: VisitorFacts, now: number) => LeafResult;
