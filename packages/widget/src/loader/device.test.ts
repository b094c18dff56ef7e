import { describe, expect, it } from 'vitest';
import { detectDevice } from './device.ts';

const ua = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  iPhone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeIPhone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
  androidPhone:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  androidTablet:
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  samsung:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  headlessChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
};

describe('detectDevice', () => {
  it('recognises desktops', () => {
    expect(detectDevice(ua.chromeWindows, 1920)).toEqual({
      type: 'desktop',
      browser: 'Chrome',
      os: 'Windows',
    });
    expect(detectDevice(ua.edgeWindows, 1920)).toEqual({ type: 'desktop', browser: 'Edge', os: 'Windows' });
    expect(detectDevice(ua.firefoxLinux, 1366)).toEqual({ type: 'desktop', browser: 'Firefox', os: 'Linux' });
    expect(detectDevice(ua.safariMac, 1440)).toEqual({ type: 'desktop', browser: 'Safari', os: 'macOS' });
  });

  it('recognises phones', () => {
    expect(detectDevice(ua.iPhone, 390, 5)).toEqual({ type: 'mobile', browser: 'Safari', os: 'iOS' });
    expect(detectDevice(ua.chromeIPhone, 390, 5)).toEqual({ type: 'mobile', browser: 'Chrome', os: 'iOS' });
    expect(detectDevice(ua.androidPhone, 412, 5)).toEqual({
      type: 'mobile',
      browser: 'Chrome',
      os: 'Android',
    });
    expect(detectDevice(ua.samsung, 384, 5)).toEqual({
      type: 'mobile',
      browser: 'Samsung Internet',
      os: 'Android',
    });
  });

  it('recognises tablets, including iPads that claim to be a Mac', () => {
    expect(detectDevice(ua.androidTablet, 1280, 5).type).toBe('tablet');
    expect(detectDevice(ua.safariMac, 1024, 5)).toEqual({ type: 'tablet', browser: 'Safari', os: 'iOS' });
  });

  it('uses the screen width for touch devices the user agent does not name', () => {
    expect(detectDevice('SomeBrowser/1.0', 360, 1).type).toBe('mobile');
    expect(detectDevice('SomeBrowser/1.0', 800, 1).type).toBe('tablet');
    expect(detectDevice('SomeBrowser/1.0', 800, 0)).toEqual({ type: 'desktop' });
  });

  it('counts headless Chrome as Chrome', () => {
    expect(detectDevice(ua.headlessChrome, 1280).browser).toBe('Chrome');
  });
});
