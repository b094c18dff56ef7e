import { describe, expect, it } from 'vitest';
import { resolveMessage } from './message.ts';

const message = {
  text: 'Hi {name}, need help?',
  translations: { fr: 'Bonjour {name} ! Besoin d’aide ?', de: 'Hallo {name}, brauchen Sie Hilfe?' },
};
const who = (
  language: string,
  visitorName?: string,
  context: Record<string, string | number | boolean> = {},
) => ({
  language,
  visitorName,
  context,
});

describe('resolveMessage', () => {
  it('picks the translation for the primary language tag', () => {
    expect(resolveMessage(message, who('fr-FR', 'Ana'))).toBe('Bonjour Ana ! Besoin d’aide ?');
    expect(resolveMessage(message, who('FR-ca', 'Ana'))).toBe('Bonjour Ana ! Besoin d’aide ?');
    expect(resolveMessage(message, who('de', 'Ana'))).toBe('Hallo Ana, brauchen Sie Hilfe?');
  });

  it('falls back to the default text', () => {
    expect(resolveMessage(message, who('es-ES', 'Ana'))).toBe('Hi Ana, need help?');
    expect(resolveMessage(message, who('', 'Ana'))).toBe('Hi Ana, need help?');
    expect(resolveMessage({ text: 'Hello' }, who('fr'))).toBe('Hello');
  });

  it('prefers an exact regional translation when one exists', () => {
    const regional = { text: 'Hi', translations: { 'pt-BR': 'Oi', pt: 'Olá' } };
    expect(resolveMessage(regional, who('pt-BR'))).toBe('Oi');
    expect(resolveMessage(regional, who('pt-PT'))).toBe('Olá');
  });

  it('removes an unknown name and tidies the spaces around it', () => {
    expect(resolveMessage(message, who('en'))).toBe('Hi, need help?');
    expect(resolveMessage(message, who('fr'))).toBe('Bonjour ! Besoin d’aide ?');
    expect(resolveMessage({ text: 'Hello {name} how are you' }, who('en'))).toBe('Hello how are you');
    expect(resolveMessage({ text: 'Welcome back {name}' }, who('en'))).toBe('Welcome back');
    expect(resolveMessage({ text: '{name} welcome' }, who('en'))).toBe('welcome');
    expect(resolveMessage({ text: 'Hi {name}!' }, who('en', '  '))).toBe('Hi!');
  });

  it('substitutes context values and drops missing ones', () => {
    const context = { plan: 'Gold', cart: 120, vip: true };
    const text = 'Your {context.plan} cart of {context.cart} € (vip: {context.vip}){context.coupon}.';
    expect(resolveMessage({ text }, who('en', undefined, context))).toBe(
      'Your Gold cart of 120 € (vip: true).',
    );
    expect(resolveMessage({ text: 'Code {context.coupon} inside' }, who('en'))).toBe('Code inside');
  });

  it('leaves unknown placeholders and stray braces alone', () => {
    expect(resolveMessage({ text: 'Hi {nom} {name' }, who('en', 'Ana'))).toBe('Hi {nom} {name');
    expect(resolveMessage({ text: '{} {name}}' }, who('en', 'Ana'))).toBe('{} Ana}');
  });

  it('does not read inherited keys as context', () => {
    expect(resolveMessage({ text: 'x{context.toString}y' }, who('en'))).toBe('xy');
  });
});
