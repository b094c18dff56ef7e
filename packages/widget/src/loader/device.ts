import type { Device } from '@beckon/protocol';

/** A deliberately tiny user-agent sniff: enough for rules (device type, browser, OS), not a full parser. */

const browsers: ReadonlyArray<readonly [RegExp, string]> = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
];

const systems: ReadonlyArray<readonly [RegExp, string]> = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

function first(table: ReadonlyArray<readonly [RegExp, string]>, ua: string): string | undefined {
  for (const [pattern, name] of table) if (pattern.test(ua)) return name;
  return undefined;
}

/**
 * `maxTouchPoints` unmasks iPads, which claim to be a Mac since iPadOS 13. The screen width settles the
 * cases the user agent leaves open (e.g. unknown touch devices).
 */
export function detectDevice(ua: string, screenWidth: number, maxTouchPoints = 0): Device {
  const iPadAsMac = /Macintosh/.test(ua) && maxTouchPoints > 1;
  let type: Device['type'];
  if (
    iPadAsMac ||
    /iPad|Tablet|PlayBook|Silk|Kindle/.test(ua) ||
    (/Android/.test(ua) && !/Mobile/.test(ua))
  ) {
    type = 'tablet';
  } else if (/Mobi|iPhone|iPod|Windows Phone|BlackBerry|Opera Mini/.test(ua)) {
    type = 'mobile';
  } else if (maxTouchPoints > 0 && screenWidth > 0 && screenWidth < 600) {
    type = 'mobile';
  } else if (maxTouchPoints > 0 && screenWidth > 0 && screenWidth < 1024) {
    type = 'tablet';
  } else {
    type = 'desktop';
  }
  const device: Device = { type };
  const browser = first(browsers, ua);
  const os = iPadAsMac ? 'iOS' : first(systems, ua);
  if (browser) device.browser = browser;
  if (os) device.os = os;
  return device;
}
