import type { AgentServerFrame, VisitorServerFrame } from '@beckon/protocol';
import { FakeClock, login, type TestSocket } from '@beckon/test-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../test/api.ts';
import { agent, type Harness, password, visitor } from '../test/harness.ts';
import { PostgresStatements } from './postgres-statements.ts';
import { SharedClockNodes } from './shared-clock-nodes.ts';

/**
 * Relaying a visitor's message on PostgreSQL was two round trips in a chain (the open conversation read, then
 * the append), each a statement per message. This counts every statement both nodes send PostgreSQL while
 * visitors on one node send messages in a closed loop (the next after the ack) to agents on the other, and
 * bounds the count per relayed message. A count, not a time: it does not depend on the machine's load.
 */
const conversations = 20;
const messagesEach = 10;
/**
 * Per relayed message, from send to the agent's copy (2 and more before the lookup was folded into the append;
 * after it, at most one statement per message plus one per visitor whose conversation this node had not seen).
 */
const maxStatementsPerMessage = 1.3;

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

it(`relaying ${messagesEach} messages in each of ${conversations} conversations takes a bounded number of statements each`, async () => {
  const admin = await login(visitorNode.url, 'admin@beckon.local', password);
  const widget = (await visitorNode.node.store.getWidget(visitorNode.demoWidgetId))!;
  const email = 'relay@example.com';
  const created = await api(visitorNode, admin, 'POST', '/v1/users', {
    email,
    name: 'Relay agent',
    role: 'agent',
    password,
    capacity: conversations,
    queueIds: [widget.queueId],
  });
  expect(created.status).toBe(201);
  const a: TestSocket<AgentServerFrame> = await agent(agentNode, email);
  const visitors: TestSocket<VisitorServerFrame>[] = [];
  for (let i = 0; i < conversations; i++) visitors.push(await visitor(visitorNode));
  for (const v of visitors) {
    v.send({ type: 'chat.start' });
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    await v.next('conversation.update', (f) => f.conversation.status === 'active');
  }

  statements.start();
  await Promise.all(
    visitors.map(async (v, i) => {
      for (let n = 0; n < messagesEach; n++) {
        const clientMsgId = `v${i}-m${n}`;
        v.send({ type: 'message.send', clientMsgId, text: clientMsgId });
        await v.next('message.ack', (f) => f.clientMsgId === clientMsgId, 20_000);
      }
    }),
  );
  const relayed = conversations * messagesEach;
  for (let i = 0; i < conversations; i++) {
    await a.next('message', (f) => f.message.text === `v${i}-m${messagesEach - 1}`, 20_000);
  }
  statements.stop();

  const perMessage = statements.count / relayed;
  console.log(`relay: ${statements.count} statements for ${relayed} messages (${perMessage} each)`);
  // On failure, the most frequent statements say which read came back per message.
  const frequent = statements.mostFrequent(8);
  expect(perMessage, frequent).toBeLessThanOrEqual(maxStatementsPerMessage);
  const stored = await Promise.all(
    (await visitorNode.node.store.listOpenConversations()).map((c) =>
      visitorNode.node.store.listMessages(c.id, 0),
    ),
  );
  expect(stored.flat().filter((m) => m.author === 'visitor')).toHaveLength(relayed);
  await Promise.all([a, ...visitors].map((socket) => socket.close()));
});
