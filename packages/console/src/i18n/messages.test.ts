import { describe, expect, test } from 'vitest';
import { catalogue, messagesOf } from './messages.ts';

describe('message catalogues', () => {
  const messages = catalogue(
    { hello: 'Hello', count: (n: number) => `${n} chats` },
    { hello: 'Bonjour', count: (n: number) => `${n} discussions` },
  );

  test('a catalogue answers in the language asked', () => {
    expect(messagesOf(messages, 'en').hello).toBe('Hello');
    expect(messagesOf(messages, 'fr').hello).toBe('Bonjour');
    expect(messagesOf(messages, 'fr').count(3)).toBe('3 discussions');
  });

  test('French must give every English message, of the same kind (checked by the type checker)', () => {
    // @ts-expect-error: the French `count` is missing.
    catalogue({ hello: 'Hello', count: (n: number) => `${n}` }, { hello: 'Bonjour' });
    // @ts-expect-error: `count` takes a number and returns text in both languages.
    catalogue({ count: (n: number) => `${n}` }, { count: 'discussions' });
    expect(true).toBe(true);
  });
});
