import type { Locator } from 'playwright-core';
import { realDelay } from '../harness.ts';

/**
 * playwright-core has no auto-retrying `expect`; this polls a locator's text until it satisfies `accept`, and
 * fails with the last text seen.
 */
export async function waitForText(
  locator: Locator,
  accept: string | RegExp | ((text: string) => boolean),
  timeoutMs = 10_000,
): Promise<string> {
  const test =
    typeof accept === 'string'
      ? (text: string) => text.includes(accept)
      : accept instanceof RegExp
        ? (text: string) => accept.test(text)
        : accept;
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if ((await locator.count()) > 0) {
      last = normalize((await locator.first().textContent()) ?? '');
      if (test(last)) return last;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${locator} to have text matching ${String(accept)}; last text: "${last}"`,
      );
    }
    await realDelay(100);
  }
}

/** Visible text with whitespace collapsed (textContent keeps template indentation). */
export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether anything matching the locator is on screen right now (absent or hidden both count as not shown). */
export async function isShown(locator: Locator): Promise<boolean> {
  const count = await locator.count();
  for (let i = 0; i < count; i++) if (await locator.nth(i).isVisible()) return true;
  return false;
}

/**
 * Reads a duration as a person would write it: "30 s", "30s", "0:30", "1 min 5 s", "1m 5s", "2 min".
 * Returns seconds, or undefined when the text holds no duration.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const clock = text.match(/(?:(\d+):)?(\d{1,2}):(\d{2})/);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  const hours = text.match(/(\d+)\s*h/);
  const minutes = text.match(/(\d+)\s*m(?:in)?\b/);
  const seconds = text.match(/(\d+)\s*s/);
  if (hours || minutes || seconds) {
    return Number(hours?.[1] ?? 0) * 3600 + Number(minutes?.[1] ?? 0) * 60 + Number(seconds?.[1] ?? 0);
  }
  const bare = text.match(/\d+/);
  return bare ? Number(bare[0]) : undefined;
}
