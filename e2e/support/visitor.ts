import type { Locator, Page } from 'playwright-core';
import type { Harness } from '../harness.ts';
import './page-globals.ts';

/**
 * The visitor side: a demo page in its own browser context, and the widget's parts. The widget renders in an
 * open shadow root on `#beckon-root`; Playwright's CSS locators pierce open shadow roots.
 */

export interface Widget {
  root: Locator;
  launcher: Locator;
  invitation: Locator;
  invitationMessage: Locator;
  invitationAccept: Locator;
  invitationClose: Locator;
  pane: Locator;
  status: Locator;
  messages: Locator;
  input: Locator;
  send: Locator;
  end: Locator;
  prechat: Locator;
  prechatName: Locator;
  prechatEmail: Locator;
  prechatSubmit: Locator;
}

export function widget(page: Page): Widget {
  const part = (testId: string) => page.locator(`#beckon-root [data-testid=${testId}]`);
  return {
    root: page.locator('#beckon-root'),
    launcher: part('beckon-launcher'),
    invitation: part('beckon-invitation'),
    invitationMessage: part('beckon-invitation-message'),
    invitationAccept: part('beckon-invitation-accept'),
    invitationClose: part('beckon-invitation-close'),
    pane: part('beckon-pane'),
    status: part('beckon-status'),
    messages: part('beckon-message'),
    input: part('beckon-input'),
    send: part('beckon-send'),
    end: part('beckon-end'),
    prechat: part('beckon-prechat'),
    prechatName: page.locator('#beckon-root [data-testid=beckon-prechat] [name=name]'),
    prechatEmail: page.locator('#beckon-root [data-testid=beckon-prechat] [name=email]'),
    prechatSubmit: part('beckon-prechat-submit'),
  };
}

/** A message in the widget's transcript by author and (part of its) text. */
export function widgetMessage(
  page: Page,
  author: 'visitor' | 'agent' | 'system' | 'bot',
  text: string,
): Locator {
  return page.locator(`#beckon-root [data-testid=beckon-message][data-author=${author}]`, { hasText: text });
}

/**
 * Opens a demo page as a new visitor (fresh context) on the allowed origin, or on `origin` when given, without
 * waiting for the widget.
 */
export async function openDemoPage(h: Harness, pagePath: string, origin = h.origin): Promise<Page> {
  const context = await h.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${origin}${pagePath}`);
  if (!response?.ok()) throw new Error(`GET ${pagePath} answered ${response?.status()}`);
  return page;
}

/**
 * The widget is connected: the SDK announced `lcw:ready` and the launcher (rendered once the server welcomed
 * the visitor) is on screen. Only after this may a test move the server's clock, or the server's time-on-page
 * deadline would be armed after the jump.
 */
export async function waitForWidgetReady(page: Page): Promise<void> {
  const loader = await page.request.get(new URL('/widget.js', page.url()).href);
  if (!loader.ok())
    throw new Error(`GET /widget.js answered ${loader.status()}: is the widget built? (npm run build)`);
  await page.locator('#beckon-root').waitFor({ state: 'attached', timeout: 15_000 });
  await page.waitForFunction(() => window.__beckonReady === true, null, { timeout: 15_000 });
  await widget(page).launcher.waitFor({ state: 'visible', timeout: 15_000 });
}

/** Opens a demo page as a new visitor and waits until the widget is connected. */
export async function visitDemoPage(h: Harness, pagePath: string): Promise<Page> {
  const page = await openDemoPage(h, pagePath);
  await waitForWidgetReady(page);
  return page;
}

export async function lcwErrors(
  page: Page,
): Promise<Array<{ errorCode?: string; errorDescription?: string }>> {
  return page.evaluate(() => window.__beckonErrors ?? []);
}

export async function beckonEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__beckonEvents ?? []);
}
