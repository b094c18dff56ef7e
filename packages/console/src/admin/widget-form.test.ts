import { type Widget, widgetPatchSchema } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { formToPatch, parseOrigins, parseParamNames, widgetToForm } from './widget-form.ts';

const widget: Widget = {
  id: 'w1',
  key: 'demo',
  name: 'Demo shop',
  title: 'Chat with us',
  color: '#2454d6',
  locale: 'auto',
  enabled: true,
  proactiveEnabled: true,
  allowedOrigins: ['http://localhost:3000', 'https://shop.example'],
  queueId: 'q1',
  offerTimeoutSeconds: 120,
  prechatFields: [
    { name: 'email', label: 'Email', kind: 'email', required: true, mapsTo: 'email' },
    { name: 'topic', label: 'Topic', kind: 'text', required: false },
  ],
  identityAlgorithm: 'HS256',
  identityIssuer: 'shop',
  identityAudience: 'https://shop.example/chat',
  identityMaxLifetimeSeconds: 3600,
  fatigue: { perVisit: 2, perWeek: 3, dismissBackoffMinutes: 1440 },
  consentRequired: false,
  operatingHours: null,
  invitationLook: { displayName: 'Ada', acceptLabels: { fr: 'Parlons-en' } },
  prechatCreatesCustomers: false,
  inviteOnlyWhenAnswerable: true,
  sneakPeek: false,
  smartInvitations: true,
  urlParamDenyList: [],
  fileTypes: ['image/png', 'application/pdf'],
  fileMaxBytes: 5 * 1024 * 1024,
};

describe('widget form', () => {
  test('file rules: the types as checked, the size typed in megabytes', () => {
    const form = widgetToForm(widget);
    expect(form.fileMaxMegabytes).toBe('5');
    const patch = formToPatch({ ...form, fileTypes: ['text/plain'], fileMaxMegabytes: '0.5' }, widget);
    expect(patch.fileTypes).toEqual(['text/plain']);
    expect(patch.fileMaxBytes).toBe(512 * 1024);
  });

  test('an unchanged form patches the same settings, and no secret', () => {
    const patch = formToPatch(widgetToForm(widget), widget);
    const { id: _id, key: _key, ...settings } = widget;
    expect(patch).toEqual(settings);
    expect(widgetPatchSchema.safeParse(patch).success).toBe(true);
  });

  test('the secret is sent only when typed', () => {
    const form = { ...widgetToForm(widget), identitySecret: 's3cret' };
    expect(formToPatch(form, widget).identitySecret).toBe('s3cret');
  });

  test('clearing the issuer sends an empty one', () => {
    const form = { ...widgetToForm(widget), identityIssuer: '' };
    expect(formToPatch(form, widget).identityIssuer).toBe('');
  });

  test('the token lifetime is typed in hours and sent in seconds; clearing the audience sends an empty one', () => {
    const form = { ...widgetToForm(widget), identityMaxLifetimeHours: '0.5', identityAudience: ' ' };
    expect(widgetToForm(widget).identityMaxLifetimeHours).toBe('1');
    const patch = formToPatch(form, widget);
    expect(patch.identityMaxLifetimeSeconds).toBe(1800);
    expect(patch.identityAudience).toBe('');
    expect(widgetPatchSchema.safeParse({ ...patch, identityMaxLifetimeSeconds: 10 }).success).toBe(false);
  });

  test('origins: one per line, blank lines and trailing slashes dropped', () => {
    expect(parseOrigins(' https://a.example/\n\nhttp://b.example:8080 \r\n')).toEqual([
      'https://a.example',
      'http://b.example:8080',
    ]);
  });
});

describe('URL parameters to remove', () => {
  test('one per line, or separated by commas or spaces; the widget shows its own one per line', () => {
    expect(parseParamNames('ref_customer\n voucher, utm_id  promo\n\n')).toEqual([
      'ref_customer',
      'voucher',
      'utm_id',
      'promo',
    ]);
    const form = widgetToForm({ ...widget, urlParamDenyList: ['a', 'b'] });
    expect(form.urlParamDenyList).toBe('a\nb');
    expect(formToPatch({ ...form, urlParamDenyList: 'x, y' }, widget).urlParamDenyList).toEqual(['x', 'y']);
  });
});
