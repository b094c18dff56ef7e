import { readStored, writeStored } from './storage.ts';

const key = 'beckon_preview';

/**
 * A rule preview link (`?beckon_preview=TOKEN`, from the console) previews a draft rule in this tab: the token
 * is kept in sessionStorage so it survives navigation within the site, and goes in every `hello`.
 */
export function previewToken(): string | undefined {
  const fromUrl = new URLSearchParams(location.search).get(key);
  if (fromUrl) writeStored('sessionStorage', key, fromUrl.slice(0, 128));
  return readStored('sessionStorage', key);
}
