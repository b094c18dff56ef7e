import type { Locale } from '@beckon/protocol/conditions';

/** Where the language picked in the user menu is kept (it wins over the browser's languages). */
export const languageStorageKey = 'beckon.console.language';

/** English or French, from the browser's preferred languages (the first English or French one wins). */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'en';
}

function storedLocale(): Locale | undefined {
  try {
    const stored = globalThis.localStorage?.getItem(languageStorageKey);
    return stored === 'en' || stored === 'fr' ? stored : undefined;
  } catch {
    return undefined; // storage may be blocked (privacy settings): fall back to the browser's languages
  }
}

/**
 * The console's language: the one picked in the user menu, else the browser's. Fixed for the page's life:
 * switching language stores the choice and reloads, so every screen (and every module-level text) agrees.
 */
export const consoleLocale: Locale =
  storedLocale() ??
  (typeof navigator === 'undefined' ? 'en' : preferredLocale(navigator.languages ?? [navigator.language]));

/** Stores the language picked in the user menu and reloads the console in it. */
export function switchLocale(locale: Locale): void {
  try {
    localStorage.setItem(languageStorageKey, locale);
  } catch {
    // Without storage the choice cannot outlive the reload; the browser's language stays.
  }
  window.location.reload();
}
