import { describe, expect, it } from 'vitest';
import { type MessageFacts, renderedMessageMaxLength, renderMessage, resolveMessage } from './message.ts';

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

describe('renderMessage', () => {
  const facts: MessageFacts = {
    language: 'fr-FR',
    visitorName: 'Alice Martin',
    context: { plan: 'Pro', cart: 120, toString: 'x' },
    page: { url: 'https://shop.example/pricing', title: 'Pricing', startedAt: 0 },
    location: { country: 'DE', city: 'Berlin' },
    customer: { name: 'Alice B. Martin', company: 'Acme', email: 'alice@example.com' },
    events: [
      { name: 'purchase', props: { amount: 10 } },
      { name: 'purchase', props: { amount: 42, sku: 'PRO-1' } },
    ],
    agentName: 'Sam',
  };
  const anonymous: MessageFacts = { language: 'en', context: {} };

  it('fills every variable from the facts', () => {
    const cases: [string, string][] = [
      ['{{visitor.name}}', 'Alice Martin'],
      ['{{visitor.firstName}}', 'Alice'],
      ['{{customer.name}}', 'Alice B. Martin'],
      ['{{customer.firstName}}', 'Alice'],
      ['{{customer.company}}', 'Acme'],
      ['{{page.title}}', 'Pricing'],
      ['{{location.country}}', 'Allemagne'],
      ['{{location.city}}', 'Berlin'],
      ['{{agent.name}}', 'Sam'],
      ['{{context.plan}} {{context.cart}}', 'Pro 120'],
      ['{{event.purchase.amount}} {{event.purchase.sku}}', '42 PRO-1'],
    ];
    for (const [template, expected] of cases) expect(renderMessage(template, facts), template).toBe(expected);
  });

  it('uses the fallback when the visitor has no value, and tidies the space otherwise', () => {
    expect(renderMessage('Hi {{customer.firstName | there}}, questions?', anonymous)).toBe(
      'Hi there, questions?',
    );
    expect(renderMessage('Hi {{customer.firstName}}, questions?', anonymous)).toBe('Hi, questions?');
    expect(renderMessage('{{visitor.name}} welcome', anonymous)).toBe('welcome');
    expect(renderMessage('Your {{event.refund.amount | }} refund', anonymous)).toBe('Your refund');
    expect(renderMessage('{{context.toString | none}}', anonymous)).toBe('none');
  });

  it('keeps values as text: markup and braces in a value are not interpreted', () => {
    const hostile: MessageFacts = {
      language: 'en',
      visitorName: '<img src=x onerror=alert(1)> {{agent.name}}',
      context: {},
      agentName: 'Sam',
    };
    expect(renderMessage('Hi {{visitor.name}}', hostile)).toBe(
      'Hi <img src=x onerror=alert(1)> {{agent.name}}',
    );
    expect(renderMessage('Hi {{{visitor.name}}}', hostile)).toBe(
      'Hi <img src=x onerror=alert(1)> {{agent.name}}',
    );
  });

  it('bounds long values and the whole message', () => {
    const long: MessageFacts = { language: 'en', context: { note: 'x'.repeat(4000) } };
    expect(renderMessage('{{context.note}}', long)).toHaveLength(200);
    expect(renderMessage('{{context.note}}'.repeat(10), long)).toHaveLength(renderedMessageMaxLength);
  });

  it('shows a text that is not a valid template as typed (page code can send one)', () => {
    expect(renderMessage('Hi {{visitor.nom}} and {name}', facts)).toBe('Hi {{visitor.nom}} and Alice Martin');
  });

  it('renders a rule message’s translation with its variables', () => {
    const message = {
      text: 'Hi {{visitor.firstName | there}}',
      translations: { fr: 'Bonjour {{visitor.firstName}} !' },
    };
    expect(resolveMessage(message, facts)).toBe('Bonjour Alice !');
    expect(resolveMessage(message, anonymous)).toBe('Hi there');
  });
});
