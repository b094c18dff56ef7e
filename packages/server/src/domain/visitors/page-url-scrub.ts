import type { PageInfo } from '@beckon/protocol';

/**
 * Query parameters that commonly carry secrets or personal data: removed from every page URL and referrer
 * before it is stored or shown to an agent. Names compare case-insensitively.
 */
export const defaultUrlParamDenyList: readonly string[] = [
  'token',
  'code',
  'password',
  'passwd',
  'secret',
  'session',
  'sessionid',
  'auth',
  'key',
  'apikey',
  'access_token',
  'id_token',
  'email',
];

const builtIn = new Set(defaultUrlParamDenyList);

/** The built-in names plus a widget's own (lower-cased). */
function deniedWith(extra: readonly string[]): ReadonlySet<string> {
  if (extra.length === 0) return builtIn;
  return new Set([...builtIn, ...extra.map((name) => name.toLowerCase())]);
}

/**
 * The URL without its fragment (single-page apps and login flows put tokens there, and it never reaches a
 * server anyway) and without denied query parameters (the built-in ones and `extra`, the widget's own).
 * Anything that does not parse as a URL is dropped.
 */
export function scrubUrl(raw: string, extra: readonly string[] = []): string | undefined {
  const denied = deniedWith(extra);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (denied.has(name.toLowerCase())) url.searchParams.delete(name);
  }
  return url.href;
}

/** A page as the widget reported it, with its URL and referrer scrubbed (with the widget's own names too). */
export function scrubPage(page: PageInfo, extra: readonly string[] = []): PageInfo {
  const referrer = page.referrer ? scrubUrl(page.referrer, extra) : undefined;
  return {
    ...page,
    url: scrubUrl(page.url, extra) ?? page.url,
    ...(page.referrer !== undefined && { referrer }),
  };
}
