import { describe, expect, test } from 'vitest';
import { type LeafCondition, leafConditionSchema } from '../rule.ts';
import { conditionDescriptors, conditionTypes, describeCondition } from './index.ts';

const schemaTypes = leafConditionSchema.options.map((option) => option.shape.type.value);

describe('condition descriptors', () => {
  test('every condition type in the schema has exactly one descriptor, and every descriptor a schema', () => {
    expect([...conditionTypes].sort()).toEqual([...schemaTypes].sort());
    expect(new Set(schemaTypes).size).toBe(schemaTypes.length);
    for (const type of conditionTypes) expect(conditionDescriptors[type].type).toBe(type);
  });

  test.each(conditionTypes)(
    '%s: its initial value has its type, and its fields are properties of it',
    (type) => {
      const descriptor = conditionDescriptors[type];
      expect(descriptor.initial.type).toBe(type);
      const option = leafConditionSchema.options.find((o) => o.shape.type.value === type);
      const keys = Object.keys(option?.shape ?? {});
      for (const field of descriptor.fields) expect(keys).toContain(field.key);
      // Everything the schema has besides its type is edited by a field.
      expect(keys.filter((key) => key !== 'type').sort()).toEqual(descriptor.fields.map((f) => f.key).sort());
    },
  );

  test.each(conditionTypes)('%s reads as a sentence in English and French', (type) => {
    const condition = conditionDescriptors[type].initial as LeafCondition;
    const en = describeCondition(condition, 'en');
    const fr = describeCondition(condition, 'fr');
    expect(en).not.toMatch(/undefined|\[object/);
    expect(fr).not.toMatch(/undefined|\[object/);
    expect(conditionDescriptors[type].label.fr).not.toBe('');
  });

  test('a sentence keeps the operator and the unit', () => {
    expect(describeCondition({ type: 'timeOnPage', op: 'gte', seconds: 30 })).toBe('time on page ≥ 30 s');
    expect(describeCondition({ type: 'timeOnPage', op: 'gte', seconds: 30 }, 'fr')).toBe(
      'temps sur la page ≥ 30 s',
    );
    expect(describeCondition({ type: 'scrollDepth', op: 'lt', percent: 20 })).toBe('scroll depth < 20%');
    expect(describeCondition({ type: 'device', op: 'notIn', values: ['tablet'] }, 'fr')).toBe(
      'appareil hors de [tablette]',
    );
  });
});
