import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { pageViolations } from './support/a11y.ts';
import { accounts, openScreen, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { normalize, waitForText } from './support/wait.ts';

/**
 * The console's shape: one screen per URL, reached from the navigation (by role) or by a deep link, the back
 * button, the focus on the new screen's heading, axe-clean screens, French for a French browser, and the banner
 * that tells an Offline agent that visitors cannot reach them.
 */

/** Every admin screen, in navigation order: its name, its URL under /console/, and a thing only it shows. */
const adminScreens = [
  { name: 'Workspace', path: '', marker: '[data-testid=presence-select]' },
  { name: 'Visitors', path: 'visitors', marker: '[data-testid=visitors-table]' },
  { name: 'Analytics', path: 'analytics', marker: '[data-testid=sv-queues]' },
  { name: 'Rules', path: 'rules', marker: '[data-testid=new-rule]' },
  { name: 'Widgets', path: 'widgets', marker: '[data-testid=save-widget]' },
  { name: 'Queues and team', path: 'queues', marker: '[data-testid=quick-replies]' },
  { name: 'Team', path: 'team', marker: '[data-testid=team-screen]' },
  { name: 'Settings', path: 'settings', marker: '[data-testid=customer-import]' },
  { name: 'API tokens', path: 'api-tokens', marker: '[data-testid=api-token-form]' },
  { name: 'Webhooks', path: 'webhooks', marker: '[data-testid=webhook-form]' },
  { name: 'Privacy', path: 'privacy', marker: '[data-testid=retention-section]' },
  { name: 'My account', path: 'account', marker: '[data-testid=account-screen]' },
] as const;

const frenchScreens = [
  { name: 'Espace de travail', path: '', text: 'Présence' },
  { name: 'Visiteurs', path: 'visitors', text: 'Pas encore invités' },
  { name: 'Statistiques', path: 'analytics', text: 'Résultats des règles' },
  { name: 'Règles', path: 'rules', text: 'Règles proactives' },
  { name: 'Widgets', path: 'widgets', text: 'Confidentialité et heures d’ouverture' },
  { name: 'Files et équipe', path: 'queues', text: 'Réponses rapides' },
  { name: 'Équipe', path: 'team', text: 'Dernière connexion' },
  { name: 'Paramètres', path: 'settings', text: 'Importer des clients' },
  { name: 'Jetons d’API', path: 'api-tokens', text: 'Créer un jeton' },
  { name: 'Webhooks', path: 'webhooks', text: 'Ajouter une adresse' },
  { name: 'Confidentialité', path: 'privacy', text: 'Durée de conservation des données' },
  { name: 'Mon compte', path: 'account', text: 'Connexion en deux étapes' },
] as const;

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function focusedId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.id ?? null);
}

async function currentLink(page: Page): Promise<string> {
  const link = page.getByRole('navigation', { name: 'Main' }).locator('a[aria-current=page]');
  return normalize((await link.textContent()) ?? '');
}

/** Waits until the offline banner is gone (the presence round trip is asynchronous). */
async function waitGone(page: Page, selector: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await page.locator(selector).count()) > 0) {
    if (Date.now() > deadline) throw new Error(`${selector} is still there`);
    await realDelay(100);
  }
}

describe('console navigation', () => {
  const harness = useHarness();

  test('an admin reaches every screen by the navigation, each on its URL, focused on its heading, axe-clean', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email);
    const nav = admin.getByRole('navigation', { name: 'Main' });
    expect((await nav.getByRole('link').allTextContents()).map(normalize)).toEqual(
      adminScreens.map((screen) => screen.name),
    );
    expect(await admin.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await admin.evaluate(() => document.querySelector('link[rel=icon]')?.getAttribute('href'))).toBe(
      '/console/favicon.svg',
    );
    const icon = await admin.request.get(`${h.origin}/console/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');

    // Start elsewhere so that every screen, the Workspace included, is reached by a click.
    await openScreen(admin, 'Settings');
    for (const screen of adminScreens) {
      await openScreen(admin, screen.name);
      expect(pathOf(admin)).toBe(`/console/${screen.path}`);
      await admin.locator(screen.marker).first().waitFor({ state: 'visible' });
      expect(await focusedId(admin)).toBe('screen-heading');
      expect(await currentLink(admin)).toBe(screen.name);
      expect(await pageViolations(admin)).toEqual([]);
    }

    // The back button returns to the previous screen, the forward button comes back.
    await admin.goBack();
    await admin.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor({ state: 'visible' });
    expect(pathOf(admin)).toBe('/console/privacy');
    await admin.goBack();
    await admin.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor({ state: 'visible' });
    expect(await currentLink(admin)).toBe('Webhooks');
    await admin.goForward();
    await admin.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor({ state: 'visible' });
  }, 150_000);

  test('every screen opens from a deep link; an agent sees only the workspace, the Visitors and their account', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email);
    for (const screen of adminScreens) {
      await admin.goto(`${h.origin}/console/${screen.path}`);
      await admin
        .getByRole('heading', { level: 1, name: screen.name, exact: true })
        .waitFor({ state: 'visible' });
      await admin.locator(screen.marker).first().waitFor({ state: 'visible' });
      expect(await currentLink(admin)).toBe(screen.name);
    }

    const agent = await signIn(h, accounts.agent.email);
    const links = agent.getByRole('navigation', { name: 'Main' }).getByRole('link');
    expect((await links.allTextContents()).map(normalize)).toEqual(['Workspace', 'Visitors', 'My account']);
    // A screen the agent may not open falls back to their workspace.
    await agent.goto(`${h.origin}/console/rules`);
    await agent.getByRole('heading', { level: 1, name: 'Workspace' }).waitFor({ state: 'visible' });
    expect(await agent.locator('[data-testid=new-rule]').count()).toBe(0);
  });

  test('a French browser gets the console in French on every screen; the user menu switches it back', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email, { locale: 'fr-FR' });
    expect(await admin.evaluate(() => document.documentElement.lang)).toBe('fr');
    const nav = admin.getByRole('navigation', { name: 'Principale' });
    expect((await nav.getByRole('link').allTextContents()).map(normalize)).toEqual(
      frenchScreens.map((screen) => screen.name),
    );
    for (const screen of frenchScreens) {
      await admin.goto(`${h.origin}/console/${screen.path}`);
      const heading = admin.getByRole('heading', { level: 1, name: screen.name, exact: true });
      await heading.waitFor({ state: 'visible' });
      await waitForText(admin.locator('#screen'), screen.text);
      expect(await pageViolations(admin)).toEqual([]);
    }
    await waitForText(admin.locator('[data-testid=user-menu]'), 'Administrateur');

    // The language picked in the user menu wins over the browser's, and stays after a reload.
    await admin.locator('[data-testid=user-menu]').click();
    await admin.locator('[data-testid=language-select]').selectOption('en');
    await admin.getByRole('heading', { level: 1, name: 'My account' }).waitFor({ state: 'visible' });
    await admin.reload();
    await admin.getByRole('heading', { level: 1, name: 'My account' }).waitFor({ state: 'visible' });
    expect(await admin.evaluate(() => document.documentElement.lang)).toBe('en');
  }, 150_000);

  test('an Offline agent is told visitors cannot reach them, and one click makes them Available', async () => {
    const h = harness();
    const agent = await signIn(h, accounts.agent.email);
    const banner = agent.locator('[data-testid=presence-banner]');
    await banner.waitFor({ state: 'visible' });
    expect(normalize((await banner.textContent()) ?? '')).toContain('visitors cannot reach you');
    // It sits in a live region, so screen readers announce it.
    expect(await banner.evaluate((el) => el.parentElement?.getAttribute('role'))).toBe('status');
    expect(await pageViolations(agent)).toEqual([]);

    await banner.getByRole('button', { name: 'Become available' }).click();
    const user = await h.store.findUserByEmail(accounts.agent.email);
    const deadline = Date.now() + 10_000;
    while ((await h.store.getPresence(user!.id)) !== 'available') {
      if (Date.now() > deadline) throw new Error('the server never saw the agent become available');
      await realDelay(100);
    }
    await waitGone(agent, '[data-testid=presence-banner]');
    expect(await agent.locator('[data-testid=presence-select]').inputValue()).toBe('available');

    // Away is as unreachable as Offline: the banner comes back, in French for a French agent.
    const french = await signIn(h, accounts.agent2.email, { locale: 'fr-FR' });
    await waitForText(french.locator('[data-testid=presence-banner]'), 'ne peuvent pas vous joindre');
    await french.locator('[data-testid=presence-select]').selectOption('available');
    await waitGone(french, '[data-testid=presence-banner]');
    await french.locator('[data-testid=presence-select]').selectOption('away');
    await waitForText(french.locator('[data-testid=presence-banner]'), 'Vous êtes absent');
  });
});
