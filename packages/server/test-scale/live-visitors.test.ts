import type { AgentServerFrame, LiveVisitor } from '@beckon/protocol';
import { FakeClock, settle, type TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type Harness, visitor } from '../test/harness.ts';
import { SharedClockNodes } from './shared-clock-nodes.ts';

/**
 * The live Visitors list on two nodes sharing PostgreSQL and Redis: the visitor's socket is on A, the inviting
 * agent's on B; both nodes show the same list, and the invitation crosses Redis both ways.
 */
let nodes: SharedClockNodes;
let nodeA: Harness;
let nodeB: Harness;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock(Date.UTC(2026, 10, 24, 10, 0, 0));
  nodes = await SharedClockNodes.create(clock);
  nodeA = await nodes.start();
  nodeB = await nodes.start();
});

afterEach(async () => {
  await nodes?.close();
});

/** An agent's page of the list, from `visitors.list` and every `visitors.changes` applied in order. */
class ListView {
  private visitors = new Map<string, LiveVisitor>();
  private order: string[] = [];
  private applied = 0;

  constructor(private readonly socket: TestSocket<AgentServerFrame>) {}

  static async watch(socket: TestSocket<AgentServerFrame>): Promise<ListView> {
    const view = new ListView(socket);
    socket.send({ type: 'visitors.watch' });
    const list = await socket.next('visitors.list');
    for (const visitor of list.visitors) view.visitors.set(visitor.id, visitor);
    view.order = list.visitors.map((visitor) => visitor.id);
    return view;
  }

  page(): LiveVisitor[] {
    return this.order.map((id) => this.visitors.get(id)!);
  }

  /** Applies frames (the clock moving a second at a time, as batches go) until the page satisfies `done`. */
  async until(done: (page: LiveVisitor[]) => boolean): Promise<LiveVisitor[]> {
    for (let round = 0; round < 40 && !done(this.page()); round++) {
      for (const frame of this.socket.all('visitors.changes').slice(this.applied)) {
        this.applied += 1;
        for (const visitor of frame.changed) this.visitors.set(visitor.id, visitor);
        for (const id of frame.removed) this.visitors.delete(id);
        this.order = frame.order;
      }
      if (done(this.page())) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
      await clock.advance(1000);
    }
    expect(done(this.page())).toBe(true);
    return this.page();
  }
}

const comparable = (page: LiveVisitor[]) =>
  page.map(({ id, page: p, state, pagesViewed }) => ({ id, p, state, pagesViewed }));

describe('live visitors on two nodes (PostgreSQL + Redis)', () => {
  it('visitor on A, inviting agent on B: the same list from both nodes; invite, accept, chat with that agent', async () => {
    const v = await visitor(nodeA, `${nodeA.origin}/demo/index.html`);
    const visitorId = v.all('welcome')[0]!.visitorId;
    const onB = await agent(nodeB);
    const onA = await agent(nodeA, 'admin@beckon.local', 'offline');
    const viewB = await ListView.watch(onB);
    const viewA = await ListView.watch(onA);
    await viewB.until((page) => page.some((entry) => entry.id === visitorId));
    await viewA.until((page) => page.some((entry) => entry.id === visitorId));

    v.send({ type: 'page', page: { url: `${nodeA.origin}/demo/features.html`, title: 'Features' } });
    const fromB = await viewB.until((page) => page[0]?.pagesViewed === 2);
    const fromA = await viewA.until((page) => page[0]?.pagesViewed === 2);
    expect(comparable(fromB)).toEqual(comparable(fromA));
    expect(fromB[0]?.page).toEqual({ url: `${nodeA.origin}/demo/features.html`, title: 'Features' });

    onB.send({ type: 'visitor.invite', visitorId, message: 'Hello from node B' });
    const { invitation } = await v.next('invitation.show');
    expect(invitation).toMatchObject({
      source: 'agent',
      message: 'Hello from node B',
      author: { name: 'Alex Agent' },
    });
    await viewA.until(
      (page) => page[0]?.state === 'invited' && page[0].invitation?.agentName === 'Alex Agent',
    );

    v.send({ type: 'invitation.accept', invitationId: invitation.id });
    const opened = await onB.next('conversation.opened');
    expect(opened.conversation.context.origin).toMatchObject({ kind: 'agent', agentName: 'Alex Agent' });
    v.send({ type: 'message.send', clientMsgId: 'c1', text: 'Hi B' });
    expect((await onB.next('message', (frame) => frame.message.text === 'Hi B')).message.author).toBe(
      'visitor',
    );
    await viewB.until((page) => page[0]?.state === 'chatting');

    await v.close();
    await viewA.until((page) => page.length === 0);
    await viewB.until((page) => page.length === 0);
  });

  it('an invitation withdrawn on B disappears from the visitor on A', async () => {
    const v = await visitor(nodeA, `${nodeA.origin}/demo/index.html`);
    const visitorId = v.all('welcome')[0]!.visitorId;
    const onB = await agent(nodeB);
    const viewB = await ListView.watch(onB);
    await viewB.until((page) => page.some((entry) => entry.id === visitorId));
    onB.send({ type: 'visitor.invite', visitorId, message: 'Hello' });
    const { invitation } = await v.next('invitation.show');
    onB.send({ type: 'visitor.invitation.withdraw', invitationId: invitation.id });
    expect(await v.next('invitation.closed')).toMatchObject({
      invitationId: invitation.id,
      reason: 'withdrawn',
    });
    await settle();
    await viewB.until((page) => page[0]?.state === 'browsing' && page[0].invitedThisVisit);
  });
});
