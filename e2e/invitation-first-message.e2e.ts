import { describe, expect, test } from 'vitest';
import { accounts, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitWith } from './support/visit-with.ts';
import { beckonEvents, visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { isShown, normalize } from './support/wait.ts';

/**
 * The invitation reads as a message from the widget's display name, and once accepted it is the conversation's
 * first message on both sides; the agent's offer and conversation say how the chat started.
 */
describe('the invitation is the first message', () => {
  const harness = useHarness();

  test("a rule's invitation: the text opens the chat above the pre-chat form and in the agent's view", async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(visitor);

    await h.advance(30_000);
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    // It speaks as the widget (its name, once the pane chunk dressed it) and closes with a named ×.
    const author = visitor.locator('#beckon-root [data-testid=beckon-invitation-author]');
    await author.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await author.textContent()) ?? '')).toBe('Demo shop');
    expect(await w.invitationClose.getAttribute('aria-label')).toBe('Close');
    expect(normalize((await w.invitationClose.textContent()) ?? '')).toBe('×');

    await w.invitationAccept.click();
    await w.prechat.waitFor({ state: 'visible', timeout: 10_000 });
    // The invitation is the first message, above the form, not the form alone.
    const intro = widgetMessage(visitor, 'bot', 'Need help choosing a plan?');
    await intro.waitFor({ state: 'visible', timeout: 10_000 });
    const introBox = await intro.boundingBox();
    const formBox = await w.prechat.boundingBox();
    expect(introBox && formBox && introBox.y < formBox.y).toBe(true);

    await w.prechatName.fill('Paula Pricing');
    await w.prechatSubmit.click();
    await w.input.waitFor({ state: 'visible', timeout: 10_000 });
    await widgetMessage(visitor, 'bot', 'Need help choosing a plan?').waitFor({ timeout: 10_000 });
    const first = w.messages.first();
    expect(await first.getAttribute('data-author')).toBe('bot');
    expect(await first.getAttribute('data-seq')).toBe('1');

    const offer = agent.locator('[data-testid=offer]');
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await offer.locator('[data-testid=offer-origin]').textContent()) ?? '')).toBe(
      'Invited by rule “30 s on a pricing page”',
    );
    expect(normalize((await offer.locator('[data-testid=offer-invitation]').textContent()) ?? '')).toBe(
      'Need help choosing a plan?',
    );
    await offer.locator('[data-testid=offer-accept]').click();
    const firstAgentSide = agent.locator('[data-testid=message]').first();
    await firstAgentSide.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await firstAgentSide.getAttribute('data-author')).toBe('bot');
    expect(normalize((await firstAgentSide.textContent()) ?? '')).toContain('Demo shop');
    expect(normalize((await firstAgentSide.textContent()) ?? '')).toContain('Need help choosing a plan?');
    expect(normalize((await agent.locator('[data-testid=conversation-origin]').textContent()) ?? '')).toBe(
      'Invited by rule “30 s on a pricing page”',
    );
  });

  test('a startProactiveChat chat says it started from the page', async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    await visitor.evaluate(() =>
      window.Microsoft!.Omnichannel!.LiveChatWidget!.SDK!.startProactiveChat(
        { message: 'Questions about the Pro plan?' },
        false,
      ),
    );
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    await w.invitationAccept.click();
    await widgetMessage(visitor, 'bot', 'Questions about the Pro plan?').waitFor({ timeout: 10_000 });

    const offer = agent.locator('[data-testid=offer]');
    await offer.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await offer.locator('[data-testid=offer-origin]').textContent()) ?? '')).toBe(
      'Started from the page',
    );
    expect(normalize((await offer.locator('[data-testid=offer-invitation]').textContent()) ?? '')).toBe(
      'Questions about the Pro plan?',
    );
  });

  test('the close × dismisses the invitation', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    await visitor.evaluate(() => window.Beckon!.startProactiveChat({ message: 'Hello there' }, false));
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    await visitor.locator('#beckon-root').getByRole('button', { name: 'Close' }).click();
    await w.invitation.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await isShown(w.pane)).toBe(false);
    expect(await beckonEvents(visitor)).toContain('beckon:invitationDismissed');
  });

  test("French: the admin's accept wording and the French close name", async () => {
    const h = harness();
    const widgetRow = (await h.store.getWidgetByKey('demo'))!;
    await h.store.updateWidget({
      ...widgetRow,
      invitationLook: { displayName: 'Camille', acceptLabels: { fr: 'On en parle ?' } },
    });
    const visitor = await visitWith(h, '/demo/index.html', { locale: 'fr-FR' });
    const w = widget(visitor);
    await visitor.evaluate(() => window.Beckon!.startProactiveChat({ message: 'Une question ?' }, true));
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.invitationAccept.textContent()) ?? '')).toBe('On en parle ?');
    expect(await w.invitationClose.getAttribute('aria-label')).toBe('Fermer');
    await w.invitationAccept.click();
    await w.prechat.waitFor({ state: 'visible', timeout: 10_000 });
    const intro = widgetMessage(visitor, 'bot', 'Une question ?');
    await intro.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await visitor.locator('#beckon-root .row.bot .who').first().textContent()) ?? '')).toBe(
      'Camille',
    );
  });
});
