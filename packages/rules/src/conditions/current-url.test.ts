import type { LeafCondition } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { makeFacts } from '../test-factories.ts';
import { checkCurrentUrl, pathOf } from './current-url.ts';

type UrlOp = Extract<LeafCondition, { type: 'currentUrl' }>['op'];

function check(op: UrlOp, value: string, url = 'https://shop.example/shop/shoes/red?size=42#reviews') {
  return checkCurrentUrl(
    { type: 'currentUrl', op, value },
    makeFacts({ page: { url, title: '', startedAt: 0 } }),
  );
}

describe('currentUrl', () => {
  it('equals compares the full URL, or the path alone for a value starting with /', () => {
    expect(check('equals', 'https://shop.example/shop/shoes/red?size=42#reviews').ok).toBe(true);
    expect(check('equals', 'https://shop.example/shop/shoes/red').ok).toBe(false);
    expect(check('equals', '/shop/shoes/red').ok).toBe(true);
    expect(check('equals', '/shop/shoes').ok).toBe(false);
    expect(check('equals', '/Shop/shoes/red').ok).toBe(false);
  });

  it('startsWith', () => {
    expect(check('startsWith', '/shop/').ok).toBe(true);
    expect(check('startsWith', 'https://shop.example/shop').ok).toBe(true);
    expect(check('startsWith', '/cart').ok).toBe(false);
  });

  it('contains, including the query string for a full-URL value', () => {
    expect(check('contains', 'shoes').ok).toBe(true);
    expect(check('contains', 'size=42').ok).toBe(true);
    expect(check('contains', 'SHOES').ok).toBe(false);
    expect(check('contains', '/size').ok).toBe(false);
  });

  it('wildcard', () => {
    expect(check('wildcard', '/shop/*/red').ok).toBe(true);
    expect(check('wildcard', '/shop/*').ok).toBe(true);
    expect(check('wildcard', '/cart/*').ok).toBe(false);
    expect(check('wildcard', 'https://*.example/*').ok).toBe(true);
    expect(check('wildcard', 'https://*.example/shop').ok).toBe(false);
  });

  it('reports what it compared', () => {
    expect(check('equals', '/x').actual).toBe('/shop/shoes/red');
    expect(check('equals', 'x', 'https://a.example/b').actual).toBe('https://a.example/b');
    expect(check('equals', 'x').nextChangeAt).toBeUndefined();
  });

  it('extracts the path of absolute and relative URLs', () => {
    expect(pathOf('https://a.example')).toBe('/');
    expect(pathOf('https://a.example?x=1')).toBe('/');
    expect(pathOf('https://a.example/')).toBe('/');
    expect(pathOf('https://a.example/a/b?c#d')).toBe('/a/b');
    expect(pathOf('http://localhost:8080/demo#top')).toBe('/demo');
    expect(pathOf('/relative/path?q')).toBe('/relative/path');
  });
});
