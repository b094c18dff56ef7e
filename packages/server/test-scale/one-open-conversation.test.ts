import type { AgentServerFrame, VisitorServerFrame } from '@beckon/protocol';
import type { TestSocket } from '@beckon/test-kit';
import { describe, expect, it, vi } from 'vitest';
import { agent, type Harness, visitor } from '../test/harness.ts';
import { useFakeClockCluster } from './fake-clock-cluster.ts';

const { startNode } = useFakeClockCluster(Date.UTC(2026, 10, 24, 10, 0, 0));

/**
 * Tabs of one visitor, on the given nodes (by index), start a chat at once. On PostgreSQL each start's queries
 * are real round trips, so the starts interleave (on one node or across nodes) between reading that the visitor
 * has no open chat and opening one: only the store can keep it to one.
 */
async function tabsStartAtOnce(tabNodes: number[]): Promise<void> {
  const nodes = [await startNode(), await startNode()];
  const [a, b] = nodes as [Harness, Harness];
  const onB = await agent(b);
  const first = await visitor(a);
  const visitorId = first.all('welcome')[0]!.visitorId;
  const more = await Promise.all(tabNodes.map((i) => visitor(nodes[i]!, undefined, { visitorId })));
  const tabs: TestSocket<VisitorServerFrame>[] = [first, ...more];
  for (const tab of tabs) tab.send({ type: 'chat.start' });
  // A socket's frames are handled in order: the pong comes after its chat.start was handled.
  for (const tab of tabs) tab.send({ type: 'ping' });
  await Promise.all(tabs.map((tab) => tab.next('pong')));

  const open = (await a.node.store.listOpenConversations()).filter((c) => c.visitorId === visitorId);
  expect(open).toHaveLength(1);
  const conversationId = open[0]!.id;
  // Every tab hears of the chat (frames from the other node cross Redis), and of no other one.
  for (const tab of tabs) {
    await vi.waitFor(() => expect(tab.all('conversation.update').length).toBeGreaterThan(0));
  }
  for (const tab of tabs) {
    expect(new Set(tab.all('conversation.update').map((f) => f.conversation.id))).toEqual(
      new Set([conversationId]),
    );
  }
  await onB.next('offer.new');
  expect(await b.node.store.listOffersForConversation(conversationId)).toHaveLength(1);
  const offered = onB.all('offer.new') as Extract<AgentServerFrame, { type: 'offer.new' }>[];
  expect(offered.map((f) => f.offer.conversationId)).toEqual([conversationId]);
  await Promise.all([onB, ...tabs].map((socket) => socket.close()));
}

describe('one open conversation per visitor on PostgreSQL + Redis', () => {
  it('tabs on one node starting a chat at once all get the same conversation, offered once', async () => {
    await tabsStartAtOnce([0, 0, 0, 0, 0]);
  });

  it('tabs on two nodes starting a chat at once all get the same conversation, offered once', async () => {
    await tabsStartAtOnce([0, 1, 1, 0, 1]);
  });
});
