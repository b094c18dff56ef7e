import { explainJourneySchema } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { emptyExplainForm, formToJourney, parseContextLines, relativeTo } from './explain-form.ts';

describe('explain form', () => {
  test('the default form is a valid journey', () => {
    expect(explainJourneySchema.safeParse(formToJourney(emptyExplainForm)).success).toBe(true);
  });

  test('types context values and leaves empty optional fields out', () => {
    expect(parseContextLines('cartValue = 120\nplan=Pro\nvip=true\nbad line\n=x')).toEqual({
      cartValue: 120,
      plan: 'Pro',
      vip: true,
    });
    const journey = formToJourney({ ...emptyExplainForm, country: 'fr', timeOnSiteSeconds: '' });
    expect(journey.country).toBe('FR');
    expect(journey).not.toHaveProperty('timeOnSiteSeconds');
  });

  test('says when relative to the explanation instant', () => {
    expect(relativeTo(1000, 21_000)).toBe('in 20 s');
    expect(relativeTo(0, 600_000)).toBe('in 10 min');
    expect(relativeTo(0, undefined)).toBe('');
    expect(relativeTo(0, 600_000, 'fr')).toBe('dans 10 min');
  });
});
