import type { BrowserContextOptions, Page } from 'playwright-core';
import type { Harness } from '../harness.ts';
import { waitForWidgetReady } from './visitor.ts';

/** Opens a demo page as a new visitor whose browser has `options` (locale, viewport, reduced motion…). */
export async function visitWith(h: Harness, pagePath: string, options: BrowserContextOptions): Promise<Page> {
  const context = await h.newContext(options);
  const page = await context.newPage();
  const response = await page.goto(`${h.origin}${pagePath}`);
  if (!response?.ok()) throw new Error(`GET ${pagePath} answered ${response?.status()}`);
  await waitForWidgetReady(page);
  return page;
}
