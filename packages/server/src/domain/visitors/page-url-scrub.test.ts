import { describe, expect, it } from 'vitest';
import { scrubPage, scrubUrl } from './page-url-scrub.ts';

describe('page URL scrubbing', () => {
  it('drops the fragment and the denied query parameters, whatever their case, and keeps the rest', () => {
    expect(
      scrubUrl('https://shop.example/reset?Token=abc&plan=pro&EMAIL=a%40b.c&utm_source=ads#v=vis_1&x=y'),
    ).toBe('https://shop.example/reset?plan=pro&utm_source=ads');
    for (const name of [
      'code',
      'password',
      'passwd',
      'secret',
      'session',
      'sessionid',
      'auth',
      'key',
      'apikey',
    ])
      expect(scrubUrl(`https://shop.example/?${name}=s3cret&a=1`)).toBe('https://shop.example/?a=1');
    expect(scrubUrl('https://shop.example/cb?access_token=x&id_token=y')).toBe('https://shop.example/cb');
    expect(scrubUrl('https://shop.example/pricing')).toBe('https://shop.example/pricing');
  });

  it('scrubs the referrer too, and drops one that is not a URL', () => {
    expect(
      scrubPage({
        url: 'https://shop.example/?session=1#top',
        title: 'Shop',
        referrer: 'https://mail.example/open?email=ann%40x.y&id=7',
      }),
    ).toEqual({ url: 'https://shop.example/', title: 'Shop', referrer: 'https://mail.example/open?id=7' });
    expect(scrubPage({ url: 'https://shop.example/', title: '', referrer: 'not a url' })).toEqual({
      url: 'https://shop.example/',
      title: '',
      referrer: undefined,
    });
  });
});
