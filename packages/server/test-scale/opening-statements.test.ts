import type { AgentServerFrame, VisitorServerFrame } from '@beckon/protocol';
import { FakeClock, login, type TestSocket } from '@beckon/test-kit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { api } from '../test/api.ts';
import { agent, type Harness, password, visitor } from '../test/harness.ts';
import { PostgresStatements } from './postgres-statements.ts';
import { SharedClockNodes } from './shared-clock-nodes.ts';

/**
 * Opening a conversation on PostgreSQL is a chain of round trips (routing reads each queue member's presence,
 * capacity, active chats and offers one statement at a time), which is what made opening 1,000 conversations in
 * bench/load take minutes. This counts every statement the nodes send PostgreSQL while N visitors open a chat
 * and agents accept the offers, and bounds the count per conversation, so a round trip per member or per waiting
 * visitor cannot come back unnoticed. A count, not a time: it does not depend on the machine's load.
 */
const conversations = 20;
const agents = 4;
/**
 * Per opened conversation, from chat.start to active at the visitor: 97 measured before routing read in sets, 40
 * before the queue positions were read in one statement and coalesced and the capacity-checked writes became one
 * round trip each, 24 before the dispatch read the conversation with its queue and offers in one statement and
 * the acceptance returned the conversation (resetting the missed offers in the same statement), 19.5 before the
 * dispatch read the widget's offer deadline with it, the offer marked the member offered in its round trip, the
 * rule check read in one statement and the acceptance refused another agent's or an expired offer itself (no read
 * before it), 14.75–15.1 before the visit's journey and the agent's first view (messages with receipts) were read
 * in one statement each, 12.75 before the acceptance appended the "joined" message itself, 12.05–12.55 before
 * `chat.start` dropped the pending rule check without reading the rules again, 10.55–11.7 after (the offer's
 * retries vary with the agents' timing).
 */
const maxStatementsPerConversation = 12;

let statements: PostgresStatements;

let nodes: SharedClockNodes;
let visitorNode: Harness;
let agentNode: Harness;

beforeAll(async () => {
  statements = new PostgresStatements();
  nodes = await SharedClockNodes.create(new FakeClock(Date.UTC(2026, 10, 24, 10, 0, 0)));
  visitorNode = await nodes.start();
  agentNode = await nodes.start();
});

afterAll(async () => {
  statements?.restore();
  await nodes?.close();
});

it(`opening ${conversations} conversations with ${agents} agents takes a bounded number of statements each`, async () => {
  const admin = await login(visitorNode.url, 'admin@beckon.local', password);
  const widget = (await visitorNode.node.store.getWidget(visitorNode.demoWidgetId))!;
  const sockets: TestSocket<AgentServerFrame>[] = [];
  for (let i = 0; i < agents; i++) {
    const email = `opening-${i}@example.com`;
    const created = await api(visitorNode, admin, 'POST', '/v1/users', {
      email,
      name: `Agent ${i}`,
      role: 'agent',
      password,
      capacity: 10,
      queueIds: [widget.queueId],
    });
    expect(created.status).toBe(201);
    sockets.push(await agent(agentNode, email));
  }
  const visitors: TestSocket<VisitorServerFrame>[] = [];
  for (let i = 0; i < conversations; i++) visitors.push(await visitor(visitorNode));

  // The agents accept every offer as the bench's do.
  const accepted = new Set<string>();
  const acceptor = setInterval(() => {
    for (const socket of sockets) {
      for (const frame of socket.all('offer.new')) {
        if (accepted.has(frame.offer.id)) continue;
        accepted.add(frame.offer.id);
        socket.send({ type: 'offer.accept', offerId: frame.offer.id });
      }
    }
  }, 5);
  statements.start();
  for (const v of visitors) v.send({ type: 'chat.start' });
  await Promise.all(
    visitors.map((v) => v.next('conversation.update', (f) => f.conversation.status === 'active', 20_000)),
  );
  statements.stop();
  clearInterval(acceptor);

  const perConversation = statements.count / conversations;
  console.log(
    `opening: ${statements.count} statements for ${conversations} conversations (${perConversation} each)`,
  );
  expect(accepted.size).toBe(conversations);
  // On failure, the most frequent statements say which read came back per member or per visitor.
  const frequent = statements.mostFrequent(12);
  expect(perConversation, frequent).toBeLessThanOrEqual(maxStatementsPerConversation);
  await vi.waitFor(async () =>
    expect(await visitorNode.node.store.listOpenConversations()).toHaveLength(conversations),
  );
  await Promise.all([...sockets, ...visitors].map((socket) => socket.close()));
});
