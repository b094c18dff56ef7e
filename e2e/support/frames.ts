import { parseFrameStrict, visitorClientFrameSchema } from '@beckon/protocol';
import type { Page } from 'playwright-core';
import type { Harness } from '../harness.ts';
import { waitForWidgetReady } from './visitor.ts';

/** The `type` of every frame the page sent on Beckon's visitor socket, in order. */
export interface SentFrames {
  types(): string[];
  of(type: string): Array<Record<string, unknown>>;
}

/**
 * Opens a demo page as a new visitor, recording the widget's outgoing WebSocket frames from the first one. Each is
 * checked against the visitor client-frame schema: a frame the server would refuse fails the test.
 */
export async function visitRecordingFrames(
  h: Harness,
  pagePath: string,
): Promise<{ page: Page; sent: SentFrames }> {
  const context = await h.newContext();
  const page = await context.newPage();
  const frames: Array<Record<string, unknown>> = [];
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/v1/visitor')) return;
    socket.on('framesent', (frame) => {
      if (typeof frame.payload === 'string')
        frames.push(parseFrameStrict(visitorClientFrameSchema, frame.payload) as Record<string, unknown>);
    });
  });
  const response = await page.goto(`${h.origin}${pagePath}`);
  if (!response?.ok()) throw new Error(`GET ${pagePath} answered ${response?.status()}`);
  await waitForWidgetReady(page);
  return {
    page,
    sent: {
      types: () => frames.map((frame) => String(frame.type)),
      of: (type) => frames.filter((frame) => frame.type === type),
    },
  };
}

/** Beckon's own keys in the page's localStorage and sessionStorage, with their values. */
export async function beckonStorage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const found: Record<string, string> = {};
    for (const [name, area] of [
      ['local', localStorage],
      ['session', sessionStorage],
    ] as const) {
      for (let i = 0; i < area.length; i++) {
        const key = area.key(i);
        if (key?.startsWith('beckon:')) found[`${name}:${key}`] = area.getItem(key) ?? '';
      }
    }
    return found;
  });
}
