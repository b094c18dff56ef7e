import type { ExplainJourney, ExplainRule, Explanation } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';
import { catalogue, messagesOf } from '../i18n/messages.ts';
import { consoleLocale } from '../locale.ts';

/** The typed-journey form of the explain panel, as typed, and the request body it becomes. */
export interface ExplainForm {
  url: string;
  title: string;
  timeOnPageSeconds: string;
  timeOnSiteSeconds: string;
  pagesViewed: string;
  visitNumber: string;
  language: string;
  country: string;
  /** `name=value` per line; numbers and true / false are typed, anything else is text. */
  context: string;
}

export const emptyExplainForm: ExplainForm = {
  url: 'https://shop.example/pricing',
  title: '',
  timeOnPageSeconds: '30',
  timeOnSiteSeconds: '',
  pagesViewed: '1',
  visitNumber: '1',
  language: 'en',
  country: '',
  context: '',
};

function contextValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

export function parseContextLines(text: string): Record<string, string | number | boolean> {
  const context: Record<string, string | number | boolean> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    context[line.slice(0, at).trim()] = contextValue(line.slice(at + 1).trim());
  }
  return context;
}

/** Empty optional fields are left out; a bad number goes through as NaN so the server names the field. */
export function formToJourney(form: ExplainForm): ExplainJourney {
  const int = (text: string) => Number(text.trim());
  const journey: ExplainJourney = {
    url: form.url.trim(),
    title: form.title,
    timeOnPageSeconds: int(form.timeOnPageSeconds || '0'),
    pagesViewed: int(form.pagesViewed || '1'),
    visitNumber: int(form.visitNumber || '1'),
    language: form.language.trim() || 'en',
    context: parseContextLines(form.context),
  };
  if (form.timeOnSiteSeconds.trim() !== '') journey.timeOnSiteSeconds = int(form.timeOnSiteSeconds);
  if (form.country.trim() !== '') journey.country = form.country.trim().toUpperCase();
  return journey;
}

const explainMessages = catalogue(
  {
    inSeconds: (n: number) => `in ${n} s`,
    inMinutes: (n: number) => `in ${n} min`,
    inHours: (n: number) => `in ${n} h`,
    lifted: (when: string) => `lifted ${when}`,
    matches: (when: string) => `matches ${when}`,
    waits: (when: string) => `best moment: looks again ${when}`,
    outcome: (outcome: ExplainRule['outcome']) =>
      ({
        fired: 'Fires',
        outranked: 'Outranked',
        'not-matched': 'Not matched',
        disabled: 'Disabled',
        vetoed: 'Held back',
      })[outcome],
  },
  {
    inSeconds: (n: number) => `dans ${n} s`,
    inMinutes: (n: number) => `dans ${n} min`,
    inHours: (n: number) => `dans ${n} h`,
    lifted: (when: string) => `levée ${when}`,
    matches: (when: string) => `remplie ${when}`,
    waits: (when: string) => `meilleur moment : regarde à nouveau ${when}`,
    outcome: (outcome: ExplainRule['outcome']) =>
      ({
        fired: 'Se déclenche',
        outranked: 'Devancée',
        'not-matched': 'Non remplie',
        disabled: 'Désactivée',
        vetoed: 'Retenue',
      })[outcome],
  },
);

/** "in 20 s" / "in 3 min" from the explanation's own instant, so the server's clock is the reference. */
export function relativeTo(at: number, instant: number | undefined, locale: Locale = consoleLocale): string {
  if (instant === undefined) return '';
  const t = messagesOf(explainMessages, locale);
  const seconds = Math.max(0, Math.round((instant - at) / 1000));
  if (seconds < 120) return t.inSeconds(seconds);
  if (seconds < 7200) return t.inMinutes(Math.round(seconds / 60));
  return t.inHours(Math.round(seconds / 3600));
}

export function outcomeLabel(rule: ExplainRule, locale: Locale = consoleLocale): string {
  return messagesOf(explainMessages, locale).outcome(rule.outcome);
}

/** One line of the result table's "when" column. */
export function whenText(
  explanation: Explanation,
  rule: ExplainRule,
  locale: Locale = consoleLocale,
): string {
  const t = messagesOf(explainMessages, locale);
  if (rule.outcome === 'vetoed' && rule.vetoedUntil !== undefined) {
    return t.lifted(relativeTo(explanation.at, rule.vetoedUntil, locale));
  }
  if (rule.waitingUntil !== undefined) return t.waits(relativeTo(explanation.at, rule.waitingUntil, locale));
  return rule.becomesTrueAt === undefined
    ? ''
    : t.matches(relativeTo(explanation.at, rule.becomesTrueAt, locale));
}
