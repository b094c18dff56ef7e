import { describe, expect, it } from 'vitest';
import {
  isTemplateVariable,
  parseTemplate,
  templateFault,
  templateFaultMessage,
  templateFaultOf,
  templateVariables,
} from './message-template.ts';
import { ruleMessageSchema } from './rule.ts';

describe('message templates', () => {
  it('splits text and variables, with the fallback after the bar', () => {
    const parsed = parseTemplate('Hi {{customer.firstName | there}}, about {{page.title}}?');
    expect(parsed).toEqual({
      ok: true,
      parts: [
        { kind: 'text', text: 'Hi ' },
        { kind: 'variable', name: 'customer.firstName', fallback: 'there', position: 3 },
        { kind: 'text', text: ', about ' },
        { kind: 'variable', name: 'page.title', fallback: '', position: 41 },
        { kind: 'text', text: '?' },
      ],
    });
  });

  it('knows every listed variable, context values and tracked events’ properties', () => {
    for (const name of templateVariables) expect(isTemplateVariable(name), name).toBe(true);
    expect(isTemplateVariable('context.plan')).toBe(true);
    expect(isTemplateVariable('event.purchase.amount')).toBe(true);
    expect(isTemplateVariable('event.purchase')).toBe(false);
    expect(isTemplateVariable('customer.email')).toBe(false);
    expect(isTemplateVariable('context.')).toBe(false);
  });

  it('refuses an unknown variable with its position', () => {
    expect(templateFault('Hello {{customer.frstName}}!')).toBe(
      'unknown variable "customer.frstName" at position 7',
    );
    expect(templateFault('{{ visitor.email | you }}')).toBe('unknown variable "visitor.email" at position 1');
  });

  it('refuses logic and syntax it does not allow, with the position', () => {
    expect(templateFault('a {{#context.vip}}VIP{{/context.vip}}')).toBe(
      'only variables like {{page.title}} are allowed, no sections at position 3',
    );
    expect(templateFault('x {{> partial}}')).toMatch(/no sections at position 3$/);
    expect(templateFault('x {{=<% %>=}} y')).toMatch(/no sections at position 3$/);
    expect(templateFault('Hi {{visitor.name')).toBe('"{{" is not closed at position 4');
    expect(templateFault('{{a}} {{/b}}')).toMatch(/no sections at position/);
  });

  it('accepts plain text, lone braces and the older single-brace placeholders', () => {
    expect(templateFault('Need help?')).toBeUndefined();
    expect(templateFault('Hi {name}, your {context.plan} plan } {')).toBeUndefined();
    expect(templateFault('{{{page.title}}}')).toBeUndefined();
  });

  it('makes a rule message with a bad template fail validation where it is', () => {
    const result = ruleMessageSchema.safeParse({
      text: 'Hi {{visitor.name}}',
      translations: { fr: 'Bonjour {{visiteur.nom}}' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['translations', 'fr']);
    const fault = templateFaultOf(result.error!.issues[0]!);
    expect(fault).toMatchObject({ kind: 'unknown-variable', position: 8, variable: 'visiteur.nom' });
    expect(templateFaultMessage(fault!)).toBe('unknown variable "visiteur.nom" at position 9');
  });
});
