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

const denied = new Set(defaultUrlParamDenyList);

/**
 * The URL without its fragment (single-page apps and login flows put tokens there, and it never reaches a
 * server anyway) and without denied query parameters. Anything that does not parse as a URL is dropped.
 */
export function scrubUrl(raw: string): string | undefined {
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

/** A page as the widget reported it, with its URL and referrer scrubbed. */
export function scrubPage(page: PageInfo): PageInfo {
  const referrer = page.referrer ? scrubUrl(page.referrer) : undefined;
  return { ...page, url: scrubUrl(page.url) ?? page.url, ...(page.referrer !== undefined && { referrer }) };
}
