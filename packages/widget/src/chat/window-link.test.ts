import { describe, expect, test } from 'vitest';
import { readWindowLink } from './window-link.ts';

const token = 'A'.repeat(43);

describe('chat window link', () => {
  test('carries the handover, the customContext of startChat and the invitation', () => {
    const customContext = { orderId: 'A-1042', total: { value: 99.5, isDisplayable: true } };
    expect(readWindowLink({ beckonHandover: token, customContext })).toEqual({ token, customContext });
    expect(readWindowLink({ beckonHandover: token, invitationId: 'inv_9' })).toEqual({
      token,
      invitationId: 'inv_9',
    });
  });

  test('needs a well-formed token and leaves out a malformed context or invitation', () => {
    expect(readWindowLink({ visitorId: 'vis_1' })).toBeUndefined();
    expect(readWindowLink({ beckonHandover: 'short' })).toBeUndefined();
    expect(readWindowLink('beckon')).toBeUndefined();
    expect(readWindowLink({ beckonHandover: token, customContext: [1, 2], invitationId: '<x>' })).toEqual({
      token,
    });
  });
});
