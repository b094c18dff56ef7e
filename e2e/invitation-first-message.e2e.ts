import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { pageViolations } from './support/a11y.ts';
import { accounts, openScreen, signIn, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitWith } from './support/visit-with.ts';
import { beckonEvents, visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { isShown, normalize, waitForText } from './support/wait.ts';

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

/** The Widgets screen with the demo widget's settings open; answers its display-name field. */
async function demoWidgetSettings(page: Page): Promise<Locator> {
  await openScreen(page, 'Widgets');
  const name = page.locator('[data-testid=widget-invitationName]');
  // The screen may list widgets first; open "Demo shop" if its form is not showing yet.
  await name.or(page.getByText('Demo shop').first()).first().waitFor({ state: 'visible', timeout: 10_000 });
  if (!(await name.isVisible())) await page.getByText('Demo shop').first().click();
  await name.waitFor({ state: 'visible', timeout: 10_000 });
  return name;
}

describe('the invitation settings in the console', () => {
  const harness = useHarness();

  test('an admin sets the display name, avatar and accept wording; a bad address is explained', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email);
    const name = await demoWidgetSettings(admin);
    await name.fill('Ada from Demo');
    await admin.getByLabel('Avatar image address').fill('ftp://example.com/ada.png');
    await admin.getByLabel('Accept button (French)').fill('Parlons-en');
    await admin.locator('[data-testid=save-widget]').click();
    const issues = admin.locator('[data-testid=widget-errors]');
    await waitForText(issues, 'Avatar image address');
    expect(normalize((await issues.textContent()) ?? '')).toContain('Not in the expected format.');

    await admin.getByLabel('Avatar image address').fill('/demo/avatar.png');
    await admin.locator('[data-testid=save-widget]').click();
    const deadline = Date.now() + 10_000;
    let saved = await h.store.getWidgetByKey('demo');
    while (saved?.invitationLook.displayName !== 'Ada from Demo') {
      if (Date.now() > deadline) throw new Error('the server never stored the invitation look');
      await realDelay(100);
      saved = await h.store.getWidgetByKey('demo');
    }
    expect(saved.invitationLook).toEqual({
      displayName: 'Ada from Demo',
      avatarUrl: '/demo/avatar.png',
      acceptLabels: { fr: 'Parlons-en' },
    });
    expect(saved.prechatCreatesCustomers).toBe(false);
    expect(await pageViolations(admin)).toEqual([]);

    const french = await signIn(h, accounts.admin.email, { locale: 'fr-FR' });
    await demoWidgetSettings(french);
    expect(await french.getByLabel('Nom affiché').inputValue()).toBe('Ada from Demo');
    await french
      .getByLabel('Créer automatiquement les fiches clients d’après les réponses avant discussion')
      .waitFor({ state: 'attached' });
  });
});
