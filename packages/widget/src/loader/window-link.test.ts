import { describe, expect, test } from 'vitest';
import { readWindowFragment, windowFragment } from './window-link.ts';

describe('chat window link', () => {
  test('carries the visitor id and the customContext of startChat through the fragment', () => {
    const customContext = {
      orderId: 'A-1042',
      total: { value: 99.5, isDisplayable: true },
      note: 'a&b=c #1',
    };
    const fragment = windowFragment('vis_abc-1', customContext);
    expect(readWindowFragment(`#${fragment}`)).toEqual({ visitorId: 'vis_abc-1', customContext });
    expect(readWindowFragment(windowFragment('vis_2'))).toEqual({ visitorId: 'vis_2' });
    expect(readWindowFragment(windowFragment('vis_3', undefined, 'inv_9'))).toEqual({
      visitorId: 'vis_3',
      invitationId: 'inv_9',
    });
  });

  test('leaves out a malformed visitor id or context', () => {
    expect(readWindowFragment('#v=bad%20id&ctx=%7Bnot-json&inv=%3Cx%3E')).toEqual({});
    expect(readWindowFragment('#v=vis_1&ctx=%5B1%2C2%5D')).toEqual({ visitorId: 'vis_1' });
    expect(readWindowFragment('')).toEqual({});
  });
});
