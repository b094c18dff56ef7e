import { describe, expect, test } from 'vitest';
import { offlineText } from './offline-text.ts';

describe('offline message per language', () => {
  const builtIn = 'Built-in text';

  test('the message for the pane’s language wins over the default message', () => {
    const state = { offlineMessage: 'Default', offlineMessages: { en: 'Closed now', fr: 'Fermé' } };
    expect(offlineText({ ...state, locale: 'fr' }, builtIn)).toBe('Fermé');
    expect(offlineText({ ...state, locale: 'en' }, builtIn)).toBe('Closed now');
  });

  test('a language without its own message falls back to the default, then to the built-in text', () => {
    expect(
      offlineText({ locale: 'en', offlineMessage: 'Default', offlineMessages: { fr: 'Fermé' } }, builtIn),
    ).toBe('Default');
    expect(offlineText({ locale: 'en', offlineMessages: { fr: 'Fermé' } }, builtIn)).toBe(builtIn);
    expect(offlineText({ locale: 'fr' }, builtIn)).toBe(builtIn);
  });
});
