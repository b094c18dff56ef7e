import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useHarness } from './support/lifecycle.ts';
import { waitForWidgetReady, widget, widgetMessage } from './support/visitor.ts';

/**
 * Continuity: the conversation lives in the lazily loaded chat chunk, so a reload, a second tab and a
 * dropped connection must all bring it back whole: `lcw:chatRetrieved`, every message exactly once.
 */

const recordRetrieved = `
  window.__retrieved = 0;
  window.addEventListener('lcw:chatRetrieved', () => { window.__retrieved += 1; });
`;

/**
 * Keeps every WebSocket the page opens, so the test can cut the widget's connection like a network loss would
 * (Chromium's offline emulation blocks new connections but leaves an open socket alone).
 */
const trackSockets = `
  window.__sockets = [];
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) { super(...args); window.__sockets.push(this); }
  };
`;

declare global {
  interface Window {
    __retrieved?: number;
    __sockets?: WebSocket[];
  }
}

async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await waitForWidgetReady(page);
  return page;
}

async function startChatWith(page: Page, text: string): Promise<void> {
  const w = widget(page);
  await page.evaluate(() => window.Beckon?.startChat());
  await w.prechat.waitFor({ state: 'visible' });
  await w.prechatSubmit.click();
  await w.input.waitFor({ state: 'visible' });
  await w.input.fill(text);
  await w.send.click();
  await page
    .locator('#beckon-root [data-testid=beckon-message][data-author=visitor][data-status=sent]', {
      hasText: text,
    })
    .waitFor();
}

describe('conversation continuity', () => {
  const harness = useHarness();

  test('a reload and a second tab retrieve the open chat with its messages, once each', async () => {
    const h = harness();
    const context = await h.newContext();
    await context.addInitScript({ content: recordRetrieved });
    const url = `${h.origin}/demo/index.html`;
    const first = await openPage(context, url);
    await startChatWith(first, 'Before the reload');

    await first.reload();
    await waitForWidgetReady(first);
    await widget(first).pane.waitFor({ state: 'visible' });
    await widgetMessage(first, 'visitor', 'Before the reload').waitFor();
    expect(await widgetMessage(first, 'visitor', 'Before the reload').count()).toBe(1);
    await first.waitForFunction(() => window.__retrieved === 1);

    const second = await openPage(context, url);
    await second.waitForFunction(() => window.__retrieved === 1);
    await widgetMessage(second, 'visitor', 'Before the reload').waitFor();
    expect(await widgetMessage(second, 'visitor', 'Before the reload').count()).toBe(1);
  });

  test('a message typed while the network is cut is delivered once when it comes back', async () => {
    const h = harness();
    const context = await h.newContext();
    await context.addInitScript({ content: trackSockets });
    const page = await openPage(context, `${h.origin}/demo/index.html`);
    const w = widget(page);
    await startChatWith(page, 'Online message');

    await context.setOffline(true);
    await page.evaluate(() => {
      for (const socket of window.__sockets ?? []) socket.close();
    });
    await page.locator('#beckon-root .off').waitFor({ state: 'visible' });
    await w.input.fill('Offline message');
    await w.send.click();
    await page
      .locator('#beckon-root [data-testid=beckon-message][data-status=pending]', {
        hasText: 'Offline message',
      })
      .waitFor();

    await context.setOffline(false);
    const sent = page.locator(
      '#beckon-root [data-testid=beckon-message][data-author=visitor][data-status=sent]',
      {
        hasText: 'Offline message',
      },
    );
    await sent.waitFor({ timeout: 15_000 });
    expect(await sent.count()).toBe(1);
    expect(await widgetMessage(page, 'visitor', 'Online message').count()).toBe(1);
    expect(Number(await sent.getAttribute('data-seq'))).toBeGreaterThan(0);
  });
});
