import { type RuleInput, ruleInputSchema } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { formToRuleInput, newRuleForm, ruleToForm } from './rule-form.ts';

const base: RuleInput = {
  name: 'Pricing',
  enabled: true,
  priority: 100,
  conditions: { type: 'currentUrl', op: 'contains', value: '/pricing' },
  message: { text: 'Hi' },
  showPrechat: false,
};

describe('rule form: queue picker', () => {
  test('a rule with a queue keeps it through the editor; one without stays without', () => {
    const routed = ruleInputSchema.parse({ ...base, queueId: 'que_billing' });
    expect(ruleToForm(routed).queueId).toBe('que_billing');
    expect(formToRuleInput(ruleToForm(routed))).toEqual(routed);
    const plain = ruleInputSchema.parse(base);
    expect(ruleToForm(plain).queueId).toBe('');
    expect(formToRuleInput(ruleToForm(plain))).not.toHaveProperty('queueId');
  });

  test('picking a queue sets queueId; picking the widget’s queue again removes it', () => {
    const form = { ...newRuleForm(), queueId: 'que_sales' };
    expect(formToRuleInput(form).queueId).toBe('que_sales');
    expect(formToRuleInput({ ...form, queueId: '' })).not.toHaveProperty('queueId');
  });
});
