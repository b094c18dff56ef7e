import type { Locale } from '@beckon/protocol/conditions';
import { consoleLocale } from '../locale.ts';

/** A message: plain text, or a function of its values (counts, names) that returns text. */
// biome-ignore lint/suspicious/noExplicitAny: a message's parameters are whatever each message declares.
type Message = string | ((...values: any[]) => string);

/** French has exactly the English keys, each of the same kind, so a missing French string fails typecheck. */
export type Translation<T> = {
  [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...values: infer Values) => string
      ? (...values: Values) => string
      : never;
};

/** One screen's messages in English and French. */
export type Catalogue<T> = Record<Locale, Translation<T>>;

/** Declares a screen's catalogue: English defines the keys, French must give every one of them. */
export function catalogue<T extends Record<string, Message>>(
  en: T,
  fr: NoInfer<Translation<T>>,
): Catalogue<T> {
  return { en: en as unknown as Translation<T>, fr };
}

/** The catalogue's messages in the console's language. */
export function messagesOf<T>(messages: Catalogue<T>, locale: Locale = consoleLocale): Translation<T> {
  return messages[locale];
}
