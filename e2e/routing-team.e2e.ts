import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { storedRows } from '../packages/server/test/stored-rows.ts';
import { demoPassword, type Harness, realDelay } from './harness.ts';
import { accounts, openScreen, signIn, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { waitForText } from './support/wait.ts';

/**
 * Two agents in two contexts (the first rejects, the second accepts), a transfer
 * between them, a supervisor watching, and a visitor seeing their place in the queue change.
 */

async function startChat(page: Page, name: string): Promise<void> {
  const w = widget(page);
  await page.evaluate(() => window.Beckon?.startChat());
  await w.prechat.waitFor({ state: 'visible' });
  await w.prechatName.fill(name);
  await w.prechatSubmit.click();
  await w.input.waitFor({ state: 'visible' });
}

/** Whichever of the agents' consoles shows an offer for this visitor first. */
async function offeredTo(agents: Page[], visitorName: string): Promise<Page> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    for (const page of agents) {
      const offer = page.locator('[data-testid=offer]', { hasText: visitorName });
      if ((await offer.count()) > 0 && (await offer.first().isVisible())) return page;
    }
    if (Date.now() > deadline) throw new Error(`no agent was offered the chat of ${visitorName}`);
    await realDelay(100);
  }
}

async function setCapacity(h: Harness, email: string, capacity: number): Promise<void> {
  const user = await h.store.findUserByEmail(email);
  await h.node.services.routing.setCapacity(user!.id, capacity);
}

describe('a team of agents, a queue and a supervisor', () => {
  const harness = useHarness();

  test('reject then accept, quick reply and read mark, transfer, supervisor watch, a moving queue position', async () => {
    const h = harness();
    await h.store.createQuickReply({
      id: 'qrp_greeting',
      title: 'Greeting',
      text: 'Hello {visitor.name}, I am {agent.name}.',
      createdAt: h.clock.now(),
    });
    await setCapacity(h, accounts.agent.email, 1);
    await setCapacity(h, accounts.agent2.email, 1);
    const alex = await signInAvailable(h, accounts.agent.email);
    const sam = await signInAvailable(h, accounts.agent2.email);
    const names = new Map([
      [alex, accounts.agent.name],
      [sam, accounts.agent2.name],
    ]);

    // Vera asks for a chat; the first agent offered it rejects, the other one gets it and accepts.
    const vera = await visitDemoPage(h, '/demo/index.html');
    await startChat(vera, 'Vera');
    const first = await offeredTo([alex, sam], 'Vera');
    const second = first === alex ? sam : alex;
    await first.locator('[data-testid=offer] [data-testid=offer-reject]').click();
    await second.locator('[data-testid=offer]', { hasText: 'Vera' }).waitFor({ state: 'visible' });
    await second.locator('[data-testid=offer] [data-testid=offer-accept]').click();
    await waitForText(widget(vera).status, names.get(second)!);
    // A quick reply with variables, and the visitor's widget marking the message read.
    const greeting = second.locator('[data-testid=quick-reply]');
    await greeting.selectOption({ label: 'Greeting' });
    expect(await second.locator('[data-testid=composer]').inputValue()).toBe(
      `Hello Vera, I am ${names.get(second)}.`,
    );
    await second.locator('[data-testid=send]').click();
    await widgetMessage(vera, 'agent', 'Hello Vera').waitFor({ state: 'visible' });
    await second
      .locator('[data-testid=message][data-author=agent]', { hasText: 'Hello Vera' })
      .locator('[data-testid=receipt][data-status=read]')
      .waitFor({ state: 'visible' });
    await widget(vera).input.fill('Hello, anyone?');
    await widget(vera).send.click();
    await second
      .locator('[data-testid=message][data-author=visitor]', { hasText: 'Hello, anyone?' })
      .waitFor({ state: 'visible' });

    // The second agent transfers Vera to the first, who has room again.
    await second.locator('[data-testid=transfer]').click();
    const target = second.locator('[data-testid=transfer-target]');
    await waitForText(target, names.get(first)!);
    await target.selectOption({ label: names.get(first)! });
    await second.locator('[data-testid=transfer-confirm]').click();
    await first
      .locator('[data-testid=message][data-author=visitor]', { hasText: 'Hello, anyone?' })
      .waitFor({ state: 'visible' });
    await waitForText(widget(vera).status, names.get(first)!);
    await widgetMessage(vera, 'system', 'transferred the chat to').waitFor({ state: 'visible' });
    expect(await second.locator('[data-testid=message]', { hasText: 'Hello, anyone?' }).count()).toBe(0);

    // Walt and Xena arrive: Walt is offered to the free agent, Xena waits behind him.
    const walt = await visitDemoPage(h, '/demo/index.html');
    await startChat(walt, 'Walt');
    await offeredTo([second], 'Walt');
    // The queue is FIFO by start time: a second later, Xena is behind Walt whatever their ids.
    await h.advance(1000);
    const xena = await visitDemoPage(h, '/demo/index.html');
    await startChat(xena, 'Xena');
    await waitForText(widget(xena).status, 'You are number 2 in the queue');
    await second.locator('[data-testid=offer] [data-testid=offer-accept]').click();
    await waitForText(widget(xena).status, 'You are number 1 in the queue');

    // A supervisor sees the floor and silently watches Vera's chat.
    await h.node.services.accounts.createUser({
      email: 'sup@beckon.local',
      name: 'Sue Pervisor',
      role: 'supervisor',
      password: demoPassword,
    });
    const sue = await signIn(h, 'sup@beckon.local');
    await openScreen(sue, 'Analytics');
    const support = sue.locator('[data-testid=sv-queues] tbody tr', { hasText: 'Support' });
    // Xena waits; Walt is with the second agent.
    await waitForText(support, 'Support');
    expect(await support.locator('td').nth(1).textContent()).toBe('1');
    const conversations = sue.locator('[data-testid=sv-conversation]');
    await waitForText(conversations.filter({ hasText: 'Vera' }), names.get(first)!);
    await conversations.filter({ hasText: 'Vera' }).locator('[data-testid=sv-watch]').click();
    await sue
      .locator('[data-testid=message][data-author=visitor]', { hasText: 'Hello, anyone?' })
      .waitFor({ state: 'visible' });
    await widget(vera).input.fill('Still there?');
    await widget(vera).send.click();
    await sue
      .locator('[data-testid=message][data-author=visitor]', { hasText: 'Still there?' })
      .waitFor({ state: 'visible' });
    expect(await sue.locator('[data-testid=composer]').isDisabled()).toBe(true);
    // Silent: Vera's transcript never mentions the supervisor.
    expect(await widget(vera).root.locator('[data-testid=beckon-message]', { hasText: 'Sue' }).count()).toBe(
      0,
    );
  });

  test('an admin sets up a queue and imports customers; an agent wraps up an ended chat', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email);
    await openScreen(admin, 'Queues and team');
    const create = admin.locator('[data-testid=new-queue]');
    await create.waitFor({ state: 'visible' });
    await create.getByLabel('Name').fill('Billing');
    await create.getByLabel('Assignment').selectOption('round-robin');
    await create.locator('label', { hasText: accounts.agent2.name }).locator('input').check();
    await create.getByRole('button', { name: 'Create queue' }).click();
    await admin.locator('[data-testid=queue-editor]').nth(1).waitFor({ state: 'visible' });
    const billing = (await h.store.listQueues()).find((q) => q.name === 'Billing');
    expect(billing?.assignmentMethod).toBe('round-robin');
    const sam = await h.store.findUserByEmail(accounts.agent2.email);
    expect(await h.store.listQueueMembers(billing!.id)).toEqual([sam!.id]);

    await openScreen(admin, 'Settings');
    const importer = admin.locator('[data-testid=customer-import]');
    await importer
      .getByLabel('or paste the CSV')
      .fill('name,email\nNora Price,nora@example.com\n,missing@example.com');
    await importer.getByRole('button', { name: 'Import' }).click();
    expect(await waitForText(importer.getByRole('status'), 'imported')).toContain(
      '1 imported, 1 not imported',
    );
    expect(await importer.getByRole('status').textContent()).toContain('Line 3');
    expect(await h.store.findActiveCustomers('email', 'nora@example.com')).toHaveLength(1);

    // Quick replies: one added, then edited in place (PUT), not added twice.
    await openScreen(admin, 'Queues and team');
    const replies = admin.locator('[data-testid=quick-replies]');
    await replies.getByLabel('Title').fill('Hours');
    await replies.getByLabel('Text').fill('We answer 9 to 5.');
    await replies.getByRole('button', { name: 'Add quick reply' }).click();
    await replies.getByRole('button', { name: 'Edit Hours' }).click();
    expect(await replies.getByLabel('Text').inputValue()).toBe('We answer 9 to 5.');
    await replies.getByLabel('Text').fill('We answer 9 to 6.');
    await replies.getByRole('button', { name: 'Save quick reply' }).click();
    await waitForText(replies.locator('li', { hasText: 'Hours' }), '9 to 6');
    const hours = (await h.store.listQuickReplies()).filter((reply) => reply.title === 'Hours');
    expect(hours.map((reply) => reply.text)).toEqual(['We answer 9 to 6.']);

    // The first test's visitors closed their pages: 3 minutes later their chats end by themselves.
    await h.advance(181_000);
    expect(await h.store.listOpenConversations()).toEqual([]);
    await setCapacity(h, accounts.agent.email, 3);
    await setCapacity(h, accounts.agent2.email, 0);

    // Wrap-up: the agent ends a chat and records how it went.
    const alex = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/index.html');
    await startChat(visitor, 'Uma');
    await alex.locator('[data-testid=offer] [data-testid=offer-accept]').click();
    await alex.locator('[data-testid=end-conversation]').click();
    const wrapUp = alex.locator('[data-testid=wrap-up]');
    await wrapUp.waitFor({ state: 'visible' });
    await wrapUp.locator('[data-testid=wrap-up-outcome]').selectOption('follow-up');
    await wrapUp.locator('[data-testid=wrap-up-notes]').fill('Send the invoice copy');
    await wrapUp.locator('[data-testid=wrap-up-save]').click();
    const alexId = (await h.store.findUserByEmail(accounts.agent.email))!.id;
    const uma = (await h.store.listAgentConversations(alexId, ['ended'])).find(
      (c) => c.context.prechat?.name === 'Uma',
    );
    expect(uma).toBeDefined();
    const stored = () =>
      storedRows<{ outcome: string; notes: string }>(
        h.dataDir,
        'SELECT outcome, notes FROM wrap_ups WHERE conversation_id = ?',
        uma!.id,
      )[0];
    const deadline = Date.now() + 10_000;
    while (!stored() && Date.now() < deadline) await realDelay(100);
    expect(stored()).toMatchObject({
      outcome: 'follow-up',
      notes: 'Send the invoice copy',
    });
    // Once stored, Uma's chat leaves the agent's list.
    await alex.locator('[data-testid=conversation-item]', { hasText: 'Uma' }).waitFor({ state: 'detached' });
  });
});
