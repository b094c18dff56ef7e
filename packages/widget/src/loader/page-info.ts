import type { Device, PageInfo } from '@beckon/protocol';
import { pageLimits as limits } from '@beckon/protocol/limits';
import { detectDevice } from './device.ts';

/** What the server learns about the page and the browser, cut to the protocol's limits. */
export function currentPage(): PageInfo {
  const page: PageInfo = {
    url: location.href.slice(0, limits.urlMaxLength),
    title: document.title.slice(0, limits.titleMaxLength),
  };
  if (document.referrer) page.referrer = document.referrer.slice(0, limits.urlMaxLength);
  return page;
}

export function visitorLanguage(): string {
  const language = navigator.language || '';
  return language.length >= 2 ? language.slice(0, 35) : 'en';
}

export function visitorTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone?.slice(0, 64) || undefined;
  } catch {
    return undefined;
  }
}

export function visitorDevice(): Device {
  return detectDevice(navigator.userAgent, window.screen?.width ?? 0, navigator.maxTouchPoints ?? 0);
}
