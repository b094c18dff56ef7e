import { AcceptanceModel, journeyFeatures } from '@beckon/rules';
import type { Locator } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Harness } from './harness.ts';
import { realDelay } from './harness.ts';
import { pageViolations } from './support/a11y.ts';
import { accounts, openScreen, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { normalize } from './support/wait.ts';

/**
 * Live visitors: the agent watches a visitor arrive on the demo page, invites them with a message written on the
 * spot, withdraws it (it disappears from the visitor), invites again with a message using the page's context; the
 * visitor accepts and the chat lands with that agent. A visitor of a consent-mode widget is listed without page
 * or journey and offers no invitation until consent, then the list follows them to another page. With a ready
 * acceptance model the list shows each visitor's predicted acceptance and the details the features behind it.
 */

/** A model of the demo widget, ready (the harness needs 20 outcomes): demo-page visitors mostly accept. */
async function seedReadyModel(h: Harness, widgetId: string): Promise<void> {
  const model = new AcceptanceModel({ minOutcomes: 20, l2: 1e-4, maxRate: 0.5, minRate: 0.05 });
  const at = h.clock.now();
  for (let i = 0; i < 40; i++) {
    const onDemo = i % 4 !== 0;
    const url = onDemo ? `${h.origin}/demo/index.html` : `${h.origin}/blog/post.html`;
    const facts = {
      page: { url, title: 'Page', startedAt: at - 10_000 },
      visit: { startedAt: at - 60_000, pagesViewed: 1, visitNumber: 1 },
      language: 'en',
      location: {},
      context: {},
      authenticated: false,
    };
    model.learn({ features: journeyFeatures(facts, at), accepted: onDemo });
  }
  // The stored form the server reads (acceptance-learner.ts, serialiseModel).
  const weights = Buffer.from(new Float32Array(model.weights).buffer).toString('base64');
  await h.store.saveAcceptanceModel({
    widgetId,
    model: JSON.stringify({ outcomes: model.outcomes, accepted: model.accepted, weights }),
    version: 1,
    updatedAt: at,
  });
}

/** The list sends at most one batch per second of the server's (fake) clock: let that second pass until shown. */
async function shownWithin(h: Harness, locator: Locator, until: () => Promise<boolean>): Promise<void> {
  for (let round = 0; round < 30; round++) {
    if ((await locator.count()) > 0 && (await until())) return;
    await h.advance(1000);
    await realDelay(100);
  }
  throw new Error('the visitors list did not show the change');
}

describe('live visitors', () => {
  const harness = useHarness(() => ({ env: { BECKON_SMART_MIN_OUTCOMES: '20' } }));

  test('an agent watches a visitor arrive, invites, withdraws, invites again; the chat lands with them', async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    await openScreen(agent, 'Visitors');
    const rows = agent.locator('[data-testid=visitor-row]');
    expect(await rows.count()).toBe(0);

    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    await shownWithin(h, rows, async () => (await rows.count()) === 1);
    const row = rows.first();
    expect(normalize((await row.locator('[data-testid=visitor-state]').textContent()) ?? '')).toBe(
      'Browsing',
    );

    // Keyboard: the visitor's details open from the row's button, the focus goes to the details.
    await row.getByRole('button').focus();
    await agent.keyboard.press('Enter');
    const details = agent.locator('[data-testid=visitor-details]');
    await details.waitFor({ state: 'visible' });
    expect(normalize((await agent.locator('[data-testid=visitor-journey]').textContent()) ?? '')).toContain(
      '/demo/index.html',
    );

    await agent.locator('[data-testid=visitor-invite-message]').fill('Looking for something? Ask me!');
    await agent.locator('[data-testid=visitor-invite-send]').click();
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.invitationMessage.textContent()) ?? '')).toBe('Looking for something? Ask me!');
    const withdraw = agent.locator('[data-testid=visitor-withdraw]');
    await shownWithin(h, withdraw, async () => withdraw.isVisible());
    expect(normalize((await row.locator('[data-testid=visitor-state]').textContent()) ?? '')).toBe(
      'Invited by Alex Agent',
    );

    await withdraw.click();
    await w.invitation.waitFor({ state: 'hidden', timeout: 10_000 });
    const form = agent.locator('[data-testid=visitor-invite-form]');
    await shownWithin(h, form, async () => form.isVisible());

    // The message speaks to the visitor with what their page said (the demo's context provider: a plan).
    await agent
      .locator('[data-testid=visitor-invite-message]')
      .fill('Can I help with your {{context.plan | plan}}, {{visitor.firstName | friend}}?');
    await agent.locator('[data-testid=visitor-invite-send]').click();
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    const personalised = 'Can I help with your Pro trial, friend?';
    expect(normalize((await w.invitationMessage.textContent()) ?? '')).toBe(personalised);
    await w.invitationAccept.click();
    await widgetMessage(visitor, 'bot', personalised).waitFor({
      state: 'visible',
      timeout: 10_000,
    });

    // Straight to the inviting agent: no offer to accept, the conversation is in their workspace.
    await openScreen(agent, 'Workspace');
    const origin = agent.locator('[data-testid=conversation-origin]');
    await origin.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await origin.textContent()) ?? '')).toBe('Invited by Alex Agent');
    await w.input.fill('Yes please');
    await w.send.click();
    await agent
      .locator('[data-testid=message][data-author=visitor]', { hasText: 'Yes please' })
      .waitFor({ state: 'visible', timeout: 10_000 });
  }, 120_000);

  test('a visitor in consent mode is listed without page or journey and cannot be invited; then navigates', async () => {
    const h = harness();
    const demo = await h.store.getWidgetByKey('demo');
    if (!demo) throw new Error('no demo widget');
    await h.store.updateWidget({ ...demo, consentRequired: true });
    try {
      const agent = await signInAvailable(h, accounts.agent.email);
      await openScreen(agent, 'Visitors');
      const rows = agent.locator('[data-testid=visitor-row]');
      const visitor = await visitDemoPage(h, '/demo/index.html');
      await shownWithin(h, rows, async () => (await rows.count()) === 1);
      const page = rows.first().locator('.visitor-page');
      expect(normalize((await page.textContent()) ?? '')).toBe('Hidden until consent');

      await rows.first().getByRole('button').click();
      const details = agent.locator('[data-testid=visitor-details]');
      await details.waitFor({ state: 'visible' });
      expect(await agent.locator('[data-testid=visitor-journey] li').count()).toBe(0);
      expect(normalize((await agent.locator('[data-testid=visitor-no-consent]').textContent()) ?? '')).toBe(
        'This visitor has not given consent on this site: they cannot be invited yet.',
      );
      expect(await agent.locator('[data-testid=visitor-invite-form]').count()).toBe(0);

      // Consent given, then a page of the site: the list follows the visitor there.
      await visitor.evaluate(() => window.Beckon?.consent(true));
      await visitor.locator('a[href$="pricing.html"]').first().click();
      await shownWithin(h, page, async () => normalize((await page.textContent()) ?? '').includes('Pricing'));
      const form = agent.locator('[data-testid=visitor-invite-form]');
      await shownWithin(h, form, async () => form.isVisible());
      expect(await agent.locator('[data-testid=visitor-journey] li').count()).toBeGreaterThan(0);
    } finally {
      await h.store.updateWidget({ ...demo, consentRequired: false });
    }
  }, 120_000);

  test('with a ready model, the list shows the predicted acceptance and the details the features behind it', async () => {
    const h = harness();
    const demo = await h.store.getWidgetByKey('demo');
    if (!demo) throw new Error('no demo widget');
    await seedReadyModel(h, demo.id);
    // The node reads a widget's model at most once a minute: the earlier tests' copy (not ready) goes stale.
    await h.advance(60_000);
    const agent = await signInAvailable(h, accounts.agent.email);
    await openScreen(agent, 'Visitors');
    const rows = agent.locator('[data-testid=visitor-row]');
    await visitDemoPage(h, '/demo/index.html');
    const predicted = rows.first().locator('[data-testid=visitor-predicted]');
    await shownWithin(h, predicted, async () =>
      /\d %$/.test(normalize((await predicted.textContent()) ?? '')),
    );
    expect(await agent.getByRole('columnheader', { name: 'Predicted acceptance' }).count()).toBe(1);

    await rows.first().getByRole('button').click();
    const prediction = agent.locator('[data-testid=visitor-prediction]');
    await prediction.waitFor({ state: 'visible' });
    expect(normalize((await prediction.locator('strong').textContent()) ?? '')).toBe(
      normalize((await predicted.textContent()) ?? ''),
    );
    expect(normalize((await agent.locator('[data-testid=visitor-pushes-up]').textContent()) ?? '')).toContain(
      'page:/demo (+',
    );
    expect(await pageViolations(agent)).toEqual([]);
  }, 120_000);
});
