import { describe, expect, it, vi } from 'vitest';
import { agent, type Harness, visitor } from '../test/harness.ts';
import { useFakeClockCluster } from './fake-clock-cluster.ts';

/**
 * The visitor-gone close (3 minutes without a socket) decided from the store, so it holds across nodes: a
 * visitor tab still open on one node keeps the chat open when another tab closes elsewhere, and a chat whose
 * visitor was on a node that died (its clock stops: see fake-clock-cluster.ts) is still closed, once.
 */
const t0 = Date.UTC(2026, 10, 24, 10, 0, 0);
const { startNode, runFor } = useFakeClockCluster(t0);

describe('the visitor-gone close across nodes', () => {
  it('keeps the chat open while another tab of the visitor is connected to another node', async () => {
    const a = await startNode();
    const b = await startNode();
    const desk = await agent(b);
    const tab1 = await visitor(a);
    const visitorId = tab1.all('welcome')[0]?.visitorId ?? '';
    const tab2 = await visitor(b, undefined, { visitorId });
    tab1.send({ type: 'chat.start' });
    const { offer } = await desk.next('offer.new');
    desk.send({ type: 'offer.accept', offerId: offer.id });
    await desk.next('conversation.opened');
    // The tab on A closes; the one on B stays. A's own timer and both sweeps run well past 3 minutes.
    await tab1.close();
    // A saw its tab go and armed its 3-minute timer (the close decision is still the store's).
    await vi.waitFor(() =>
      expect(a.node.services.deadlines.dueAt(`visitor-gone:${visitorId}`)).toBe(t0 + 180_000),
    );
    await Promise.all([runFor(a, 200_000), runFor(b, 200_000)]);
    expect((await b.node.store.getConversation(offer.conversationId))?.status).toBe('active');
    // The last tab closes: three minutes later exactly one node closes it, with one notice.
    await tab2.close();
    await vi.waitFor(async () => expect(await goneEverywhere(b)).toBe(true));
    await Promise.all([runFor(a, 185_000), runFor(b, 185_000)]);
    await desk.next(
      'conversation.update',
      (f) => f.conversationId === offer.conversationId && f.status === 'ended',
    );
    expect(await leftNotices(b, offer.conversationId)).toBe(1);
    await desk.close();
  });

  it('closes, once, the chat of a visitor whose node died, three minutes after it was judged dead', async () => {
    const a = await startNode();
    const b = await startNode();
    const c = await startNode();
    const desk = await agent(b);
    const v = await visitor(a);
    v.send({ type: 'chat.start' });
    const { offer } = await desk.next('offer.new');
    desk.send({ type: 'offer.accept', offerId: offer.id });
    await desk.next('conversation.opened');
    // A dies (its clock stops); its socket is never closed, so no node ever saw the visitor leave.
    await Promise.all([runFor(b, 30_000), runFor(c, 30_000)]);
    expect((await b.node.store.getConversation(offer.conversationId))?.status).toBe('active');
    await Promise.all([runFor(b, 180_000), runFor(c, 180_000)]);
    expect((await b.node.store.getConversation(offer.conversationId))?.status).toBe('ended');
    expect(await leftNotices(b, offer.conversationId)).toBe(1);
    await Promise.all([desk.close(), v.close()]);
  });
});

/** The store counts the one open chat's visitor gone (no socket on any node). */
async function goneEverywhere(node: Harness): Promise<boolean> {
  return (await node.node.store.listAbandonedConversations(t0 + 1e9)).length === 1;
}

async function leftNotices(node: Harness, conversationId: string): Promise<number> {
  const messages = await node.node.store.listMessages(conversationId, 0);
  return messages.filter((m) => m.author === 'system' && m.text === 'The visitor left the chat.').length;
}
