import { describe, expect, it } from 'vitest';
import { format, loaderStrings, paneStrings, pickLocale } from './i18n.ts';

describe('pickLocale', () => {
  it('uses the widget locale unless it is auto', () => {
    expect(pickLocale('fr', 'en-US')).toBe('fr');
    expect(pickLocale('en', 'fr-FR')).toBe('en');
    expect(pickLocale('fr-CA', 'en')).toBe('fr');
  });

  it('falls back to the visitor language for auto or unsupported locales', () => {
    expect(pickLocale('auto', 'fr-FR')).toBe('fr');
    expect(pickLocale('auto', 'FR')).toBe('fr');
    expect(pickLocale('de', 'fr_BE')).toBe('fr');
    expect(pickLocale(undefined, 'en-GB')).toBe('en');
  });

  it('defaults to English', () => {
    expect(pickLocale('auto', 'de-DE')).toBe('en');
    expect(pickLocale('auto', undefined)).toBe('en');
    expect(pickLocale('', '')).toBe('en');
  });
});

describe('strings', () => {
  it('has the statuses the browser tests look for', () => {
    expect(paneStrings.en.statusWaiting).toBe('Waiting for an agent…');
    expect(format(paneStrings.en.statusActive, { agentName: 'Ada' })).toBe('You are chatting with Ada');
    expect(paneStrings.en.statusEnded).toBe('The chat has ended');
  });

  it('translates every English key to French', () => {
    for (const dictionary of [loaderStrings, paneStrings]) {
      expect(Object.keys(dictionary.fr).sort()).toEqual(Object.keys(dictionary.en).sort());
      for (const [key, value] of Object.entries(dictionary.fr)) expect(value, key).toBeTruthy();
    }
    expect(paneStrings.fr.statusEnded).not.toBe(paneStrings.en.statusEnded);
  });

  it('leaves unknown placeholders alone', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
