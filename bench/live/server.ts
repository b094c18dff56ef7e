/**
 * The server's side of the Visitors list at scale, in process: one node's `LiveVisitors` holds 20,000 visitors
 * said by another node over the (in-memory) bus, agents watch the list, and visitors navigate. Measures the CPU
 * the node spends per visitor event with N agents watching (N = 0 is the baseline of the same run), and what one
 * watching agent receives per second. Time is a fake clock, so the once-a-second batching runs exactly as on a
 * real node without waiting.
 */
import type { LiveVisitor, LiveVisitorFilter, LiveVisitorSort } from '@beckon/protocol';
import { FakeClock } from '@beckon/test-kit';
import { MemoryBus } from '../../packages/server/src/adapters/memory-bus/memory-bus.ts';
import { topics } from '../../packages/server/src/domain/fanout.ts';
import { LiveVisitorWatches } from '../../packages/server/src/domain/visitors/live-visitor-watches.ts';
import { LiveVisitors } from '../../packages/server/src/domain/visitors/live-visitors.ts';
import { Deadlines } from '../../packages/server/src/scheduler/deadlines.ts';

export const widgetId = 'wgt_bench';
const remoteNode = 'node_remote';
const pages = ['/', '/pricing', '/product', '/contact', '/blog/a', '/blog/b', '/docs', '/checkout'];
const countries = ['FR', 'GB', 'DE', 'US', 'ES', 'IT'];

/** A plausible live visitor; `seed` varies its page, country, visit number and times. */
export function benchVisitor(seed: number, now: number): LiveVisitor {
  const page = pages[seed % pages.length]!;
  return {
    id: `vis_bench${String(seed).padStart(6, '0')}`,
    widgetId,
    page: { url: `https://shop.example${page}`, title: `Shop ${page}` },
    pageStartedAt: now - (seed % 600) * 1000,
    visitStartedAt: now - (seed % 3600) * 1000,
    lastActiveAt: now - (seed % 300) * 1000,
    pagesViewed: 1 + (seed % 12),
    visitNumber: 1 + (seed % 4),
    journey: [`https://shop.example${page}`],
    location: { country: countries[seed % countries.length], city: 'Lyon' },
    device: { type: 'desktop', browser: 'Chrome', os: 'Linux' },
    language: 'en-GB',
    consent: 'not-required',
    state: 'browsing',
    invitedThisVisit: false,
  };
}

/** A visitor moved to another page now: what a navigation changes. */
export function navigated(visitor: LiveVisitor, step: number, now: number): LiveVisitor {
  const page = pages[(step + visitor.pagesViewed) % pages.length]!;
  return {
    ...visitor,
    page: { url: `https://shop.example${page}`, title: `Shop ${page}` },
    pageStartedAt: now,
    lastActiveAt: now,
    pagesViewed: visitor.pagesViewed + 1,
    journey: [...visitor.journey.slice(-19), `https://shop.example${page}`],
  };
}

const noStores = {
  findShownInvitation: async () => undefined,
  listInvitations: async () => [],
  findOpenConversation: async () => undefined,
  getUser: async () => undefined,
};

export interface ServerSample {
  watchers: number;
  views: 'same' | 'mixed';
  events: number;
  cpuUsPerEvent: number;
  framesPerSecond: number;
  bytesPerSecond: number;
}

/** The views agents pick in the mixed case: three sorts, with and without a filter. */
const mixedViews: { filter: LiveVisitorFilter; sort: LiveVisitorSort }[] = [
  { filter: {}, sort: 'arrival' },
  { filter: { pageContains: 'pricing' }, sort: 'arrival' },
  { filter: {}, sort: 'timeOnSite' },
  { filter: { returning: true }, sort: 'pages' },
  { filter: { country: 'FR' }, sort: 'arrival' },
  { filter: { notInvited: true, idle: false }, sort: 'timeOnSite' },
];

export async function measureServer(options: {
  visitors: number;
  watchers: number;
  views: 'same' | 'mixed';
  seconds: number;
  eventsPerSecond: number;
}): Promise<ServerSample> {
  const clock = new FakeClock();
  const bus = new MemoryBus();
  const deadlines = new Deadlines(clock, (key, error) => console.error(key, error));
  const live = new LiveVisitors(noStores as never, bus, clock, 'node_bench', (key, error) =>
    console.error(key, error),
  );
  await live.start();
  const watches = new LiveVisitorWatches(live, clock, deadlines);
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  let visitors = Array.from({ length: options.visitors }, (_, i) => benchVisitor(i, clock.now()));
  await bus.publish(topics.liveVisitors, { kind: 'refresh', nodeId: remoteNode, visitors });
  await settle();

  let frames = 0;
  let bytes = 0;
  const stops: (() => void)[] = [];
  for (let i = 0; i < options.watchers; i++) {
    const view = options.views === 'same' ? mixedViews[0]! : mixedViews[i % mixedViews.length]!;
    stops.push(
      watches.watch({ filter: { ...view.filter, widgetId }, sort: view.sort, limit: 100 }, (frame) => {
        // What the socket would send: the frame as JSON; counted for the first agent only.
        const text = JSON.stringify(frame);
        if (i === 0) {
          frames++;
          bytes += text.length;
        }
      }),
    );
  }
  await clock.advance(1000);
  await settle();
  frames = 0;
  bytes = 0;

  let step = 0;
  const started = process.cpuUsage();
  for (let second = 0; second < options.seconds; second++) {
    for (let e = 0; e < options.eventsPerSecond; e++) {
      const index = (step * 7919) % visitors.length;
      const moved = navigated(visitors[index]!, step, clock.now());
      visitors[index] = moved;
      step++;
      await bus.publish(topics.liveVisitors, { kind: 'upsert', nodeId: remoteNode, visitor: moved });
    }
    await settle();
    await clock.advance(1000);
    await settle();
  }
  const used = process.cpuUsage(started);
  for (const stop of stops) stop();
  await live.close();
  visitors = [];
  const events = options.seconds * options.eventsPerSecond;
  return {
    watchers: options.watchers,
    views: options.views,
    events,
    cpuUsPerEvent: (used.user + used.system) / events,
    framesPerSecond: frames / options.seconds,
    bytesPerSecond: bytes / options.seconds,
  };
}
