import type { LiveVisitor } from '@beckon/protocol';
import { FakeClock } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryBus } from '../src/adapters/memory-bus/memory-bus.ts';
import { topics } from '../src/domain/fanout.ts';
import { LiveVisitors, liveRefreshMs, refreshPartSize } from '../src/domain/visitors/live-visitors.ts';
import type { VisitorSession } from '../src/domain/visitors/visitor-session.ts';
import { widget } from '../src/ports/store-contract/fixtures.ts';

/** Nothing shown, no chat, no invitation: every visitor is browsing. */
const store = {
  findShownInvitation: async () => undefined,
  findOpenConversation: async () => undefined,
  listInvitations: async () => [],
  getUser: async () => undefined,
};

function session(visitorId: string, at: number): VisitorSession {
  return {
    connectionId: `con_${visitorId}`,
    visitorId,
    widget: widget(),
    language: 'en',
    device: { type: 'desktop', os: 'Linux', browser: 'Firefox' },
    location: {},
    context: {},
    authenticated: false,
    page: { url: 'https://shop.example/', title: 'Home', startedAt: at },
    visit: { startedAt: at, number: 1, pagesViewed: 1 },
    tracking: true,
    visitUrls: ['https://shop.example/'],
    events: [],
    signals: { exitIntent: false, scrollDepth: 0, lastActiveAt: at },
  } as VisitorSession;
}

type Said = { kind: string; nodeId: string; visitors?: LiveVisitor[]; last?: boolean };

let clock: FakeClock;
let bus: MemoryBus;
let a: LiveVisitors;
let b: LiveVisitors;
let said: Said[];
beforeEach(async () => {
  clock = new FakeClock();
  bus = new MemoryBus();
  said = [];
  await bus.subscribe(topics.liveVisitors, (message) => said.push(message as Said));
  a = new LiveVisitors(store, bus, clock, 'node-a', () => {});
  await a.start();
  for (let i = 0; i < 1200; i += 1) await a.connected(session(`vis_${i}`, clock.now()));
  b = new LiveVisitors(store, bus, clock, 'node-b', () => {});
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
  await bus.close();
});

const ids = (live: LiveVisitors) => new Set([...live.visitors()].map((visitor) => visitor.id));
const refreshesOfA = () => said.filter((m) => m.nodeId === 'node-a' && m.kind.startsWith('refresh'));

describe('LiveVisitors: a node says its whole list again in parts', () => {
  it('a joining node hears the list in parts of at most refreshPartSize visitors, the last one marked', async () => {
    await b.start();
    await vi.waitFor(() => expect(ids(b).size).toBe(1200));
    const parts = refreshesOfA();
    expect(refreshPartSize).toBe(100);
    expect(parts.map((part) => part.visitors?.length)).toEqual(Array(12).fill(100));
    expect(parts.map((part) => part.last)).toEqual([...Array(11).fill(false), true]);
  });

  it('at the last part, the visitors the node no longer has are dropped; one arriving during the round stays', async () => {
    await b.start();
    await vi.waitFor(() => expect(ids(b).size).toBe(1200));
    // A removal other nodes missed: B still lists a visitor A does not have.
    await bus.publish(topics.liveVisitors, {
      kind: 'upsert',
      nodeId: 'node-a',
      visitor: { ...[...b.visitors()][0]!, id: 'vis_ghost' },
    });
    await vi.waitFor(() => expect(ids(b).has('vis_ghost')).toBe(true));
    // A visitor arrives on A after the round's first part was said (not in the round's parts).
    let arrived: Promise<void> | undefined;
    await bus.subscribe(topics.liveVisitors, (message) => {
      const m = message as Said;
      if (m.kind === 'refresh-part' && !arrived) arrived = a.connected(session('vis_new', clock.now()));
    });
    said = [];
    await clock.advance(liveRefreshMs);
    await vi.waitFor(() => expect(refreshesOfA().at(-1)?.last).toBe(true));
    await arrived;
    expect(
      refreshesOfA()
        .flatMap((part) => part.visitors ?? [])
        .some((v) => v.id === 'vis_new'),
    ).toBe(false);
    await vi.waitFor(() => {
      const listed = ids(b);
      expect(listed.has('vis_ghost')).toBe(false);
      expect(listed.has('vis_new')).toBe(true);
      expect(listed.size).toBe(1201);
    });
  });
});

describe('LiveVisitors: a node that can never have company', () => {
  it('does not say its list again: nobody would hear it but itself', async () => {
    const own = new MemoryBus();
    const heard: Said[] = [];
    await own.subscribe(topics.liveVisitors, (message) => heard.push(message as Said));
    const alone = new LiveVisitors(store, own, clock, 'node-alone', () => {}, true);
    await alone.start();
    await alone.connected(session('vis_alone', clock.now()));
    await clock.advance(3 * liveRefreshMs);
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard.map((m) => m.kind)).toEqual(['sync', 'upsert']);
    // Its own list is whole: it heard itself say each change.
    expect([...alone.visitors()].map((v) => v.id)).toEqual(['vis_alone']);
    await alone.close();
    await own.close();
  });
});
