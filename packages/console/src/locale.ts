import type { Locale } from '@beckon/protocol/conditions';

/** English or French, from the browser's preferred languages (the first English or French one wins). */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'en';
}

/** The console's language for the screens that are translated (the condition editor, saved forms). */
export const consoleLocale: Locale =
  typeof navigator === 'undefined' ? 'en' : preferredLocale(navigator.languages ?? [navigator.language]);
