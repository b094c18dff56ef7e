import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { demoPassword } from './harness.ts';
import { widgetViolations } from './support/a11y.ts';
import { acceptOffer, accounts, openScreen, signIn, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { isShown, normalize, waitForText } from './support/wait.ts';

/**
 * Typing indicators both ways, the transcript download and the post-chat survey (CSAT), from the
 * visitor's pane to the agent's conversation view.
 */
describe('typing, transcript and post-chat survey', () => {
  const harness = useHarness();

  test('a whole chat: typing both ways, transcript file, then a rating the agent sees', async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);

    await visitor.evaluate(() => window.Beckon?.startChat());
    await w.prechatName.fill('Grace');
    await w.prechatSubmit.click();
    await w.input.fill('Is the Team plan billed monthly?');
    await w.send.click();
    await acceptOffer(agent);
    await waitForText(w.status, 'Alex');

    // The agent types: the visitor sees it (outside the transcript's log, so it is not read as a message).
    const agentTyping = visitor.locator('#beckon-root [data-testid=beckon-agent-typing]');
    await agent.locator('[data-testid=composer]').pressSequentially('Yes, ');
    await waitForText(agentTyping, 'Alex Agent is typing…');
    expect(await visitor.locator('#beckon-root [role=log] [data-testid=beckon-agent-typing]').count()).toBe(
      0,
    );
    await agent.locator('[data-testid=composer]').pressSequentially('or yearly with a discount.');
    await agent.locator('[data-testid=send]').click();
    await widgetMessage(visitor, 'agent', 'or yearly').waitFor({ state: 'visible' });
    expect(await isShown(agentTyping)).toBe(false);

    // The visitor types: the agent's conversation view says so, and sending clears it.
    const visitorTyping = agent.locator('[data-testid=visitor-typing]');
    await w.input.pressSequentially('Thanks');
    await waitForText(visitorTyping, 'Visitor is typing…');
    await w.send.click();
    await expect.poll(async () => normalize((await visitorTyping.textContent()) ?? '')).toBe('');

    // The transcript downloads as a plain-text file with every stored message.
    const [download] = await Promise.all([
      visitor.waitForEvent('download'),
      visitor.locator('#beckon-root [data-testid=beckon-transcript]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^chat-transcript-\d{4}-\d{2}-\d{2}\.txt$/);
    const text = await readFile(await download.path(), 'utf8');
    expect(text).toMatch(/^Chat transcript — Nimbus Notes support\n/);
    expect(text).toContain('You: Is the Team plan billed monthly?');
    expect(text).toContain('Alex Agent: Yes, or yearly with a discount.');
    expect(text).toContain('You: Thanks');

    // The agent ends the chat: the visitor gets the survey, answers it from the keyboard and a click.
    await agent.locator('[data-testid=end-conversation]').click();
    const survey = visitor.locator('#beckon-root [data-testid=beckon-survey]');
    await survey.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await widgetViolations(visitor)).toEqual([]);
    const submit = visitor.locator('#beckon-root [data-testid=beckon-survey-submit]');
    expect(await submit.isDisabled()).toBe(true);
    await visitor.locator('#beckon-root [data-testid=beckon-survey-4]').click();
    expect(await visitor.locator('#beckon-root [data-testid=beckon-survey-4] input').isChecked()).toBe(true);
    await visitor.locator('#beckon-root [data-testid=beckon-survey-comment]').fill('Quick and clear');
    await submit.click();
    await waitForText(visitor.locator('#beckon-root [data-testid=beckon-survey-thanks]'), 'Thank you');

    await waitForText(agent.locator('[data-testid=survey-rating]'), 'Visitor rating: 4 / 5');
    expect(normalize((await agent.locator('[data-testid=survey-comment]').textContent()) ?? '')).toBe(
      '“Quick and clear”',
    );
    const conversation = (
      await h.store.listAgentConversations((await h.store.findUserByEmail(accounts.agent.email))!.id, [
        'ended',
      ])
    )[0];
    expect(await h.store.getChatSurvey(conversation!.id)).toMatchObject({
      rating: 4,
      comment: 'Quick and clear',
    });

    // A supervisor sees it among the recent surveys: rating, comment, agent and conversation.
    await h.node.services.accounts.createUser({
      email: 'sup@beckon.local',
      name: 'Sue Pervisor',
      role: 'supervisor',
      password: demoPassword,
    });
    const sue = await signIn(h, 'sup@beckon.local');
    await openScreen(sue, 'Analytics');
    const row = sue.locator('[data-testid=sv-survey]', { hasText: 'Quick and clear' });
    await waitForText(row, '(4/5)');
    expect(normalize((await row.textContent()) ?? '')).toContain('Alex Agent');
    expect(normalize((await row.textContent()) ?? '')).toContain(conversation!.id);
  });
});
