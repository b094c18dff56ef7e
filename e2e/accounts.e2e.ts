import { AxeBuilder } from '@axe-core/playwright';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demoPassword, type Harness } from './harness.ts';
import { accounts, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { waitForText } from './support/wait.ts';

/** The Team and My account screens, and an admin's lockout reaching an agent's open console. */

async function signInWith(h: Harness, email: string, locale = 'en-US'): Promise<Page> {
  const context = await h.newContext({ locale });
  const page = await context.newPage();
  await page.goto(`${h.origin}/console/`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(demoPassword);
  await page.locator('[data-testid=login-submit]').click();
  await page.locator('[data-testid=presence-select]').waitFor({ state: 'visible', timeout: 15_000 });
  return page;
}

async function violations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
}

describe('accounts in the console', () => {
  const harness = useHarness();

  test('an admin disables an agent from the Team screen; the agent’s console returns to sign-in', async () => {
    const h = harness();
    const agent = await signIn(h, accounts.agent2.email);
    const admin = await signIn(h, accounts.admin.email);
    await admin.locator('[data-testid=nav-team]').click();
    const row = admin.locator(`[data-testid="team-row-${accounts.agent2.email}"]`);
    await row.locator('[data-testid=team-toggle-status]').click();
    await waitForText(row, 'Disabled');

    // No reload, no click: the server closed the agent's socket with the session-ended code.
    await agent.locator('[data-testid=login-submit]').waitFor({ state: 'visible', timeout: 5_000 });
    await waitForText(agent.locator('[role=alert]'), 'Your session has ended');

    await row.locator('[data-testid=team-toggle-status]').click();
    await waitForText(row, 'Active');
  });

  test('the Team and My account screens pass axe, and work from the keyboard', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email);
    await admin.locator('[data-testid=nav-team]').click();
    await admin.locator('[data-testid=team-screen]').waitFor({ state: 'visible' });
    // Open the delete confirmation from the keyboard: focus lands in it, and it says what happens.
    await admin.locator(`[data-testid="team-row-${accounts.agent.email}"] button.danger`).focus();
    await admin.keyboard.press('Enter');
    await expect
      .poll(() => admin.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('team-confirm-delete');
    await waitForText(admin.locator('[role=alertdialog]'), 'Former agent');
    expect(await violations(admin, '[data-testid=team-screen]')).toEqual([]);
    await admin.keyboard.press('Tab');
    await admin.keyboard.press('Enter');
    await expect.poll(() => admin.locator('[role=alertdialog]').count()).toBe(0);

    await admin.locator('[data-testid=nav-account]').click();
    await admin.locator('[data-testid=account-screen]').waitFor({ state: 'visible' });
    expect(await violations(admin, '[data-testid=account-screen]')).toEqual([]);
  });

  test('the French console: Équipe and Mon compte, axe-clean', async () => {
    const h = harness();
    const admin = await signInWith(h, accounts.admin.email, 'fr-FR');
    await admin.locator('[data-testid=nav-team]').click();
    await waitForText(admin.locator('#screen-heading'), 'Équipe');
    await waitForText(admin.locator('[data-testid=team-screen]'), 'Dernière connexion');
    expect(await violations(admin, '[data-testid=team-screen]')).toEqual([]);
    await admin.locator('[data-testid=nav-account]').click();
    await waitForText(admin.locator('#screen-heading'), 'Mon compte');
    expect(await violations(admin, '[data-testid=account-screen]')).toEqual([]);
  });

  test('a user changes their own password from My account', async () => {
    const h = harness();
    const page = await signIn(h, accounts.agent.email);
    await page.locator('[data-testid=nav-account]').click();
    await page.getByLabel('Current password').fill(demoPassword);
    await page.getByLabel('New password').fill('a-brand-new-password');
    await page.locator('[data-testid=account-change-password]').click();
    await waitForText(page.locator('[data-testid=account-screen] [role=status]'), 'Password changed');
    const user = await h.store.findUserByEmail(accounts.agent.email);
    // Back to the demo password for the other tests sharing this node.
    await h.node.services.accounts.setTemporaryPassword(user!.id, demoPassword);
    await h.store.updateUser(user!.id, { passwordChangeRequired: false });
  });

  test('a user enrols in two-factor sign-in, then signs in with a code computed here', async () => {
    const h = harness();
    const page = await signIn(h, accounts.agent2.email);
    await page.locator('[data-testid=nav-account]').click();
    await page.locator('[data-testid=two-factor-begin]').click();
    await page.getByAltText('QR code for your authenticator app').waitFor({ state: 'visible' });
    const secret = Secret.fromBase32(
      (await page.locator('[data-testid=two-factor-secret]').textContent()) ?? '',
    );
    // The server runs on the harness's fake clock: the code is for its time.
    await page.getByLabel('6-digit code').fill(TOTP.generate({ secret, timestamp: h.clock.now() }));
    await page.locator('[data-testid=two-factor-confirm]').click();
    await expect.poll(() => page.locator('[data-testid=recovery-codes] li').count()).toBe(10);
    expect(await violations(page, '[data-testid=account-screen]')).toEqual([]);

    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.locator('input[name=email]').fill(accounts.agent2.email);
    await page.locator('input[name=password]').fill(demoPassword);
    await page.locator('[data-testid=login-submit]').click();
    const code = page.getByLabel('Authentication code');
    await code.waitFor({ state: 'visible' });
    await code.fill(TOTP.generate({ secret, timestamp: h.clock.now() }));
    await page.locator('[data-testid=login-submit]').click();
    // Signed in again, back on the screen the URL names.
    await page.locator('[data-testid=two-factor]').waitFor({ state: 'visible', timeout: 15_000 });
    await waitForText(page.locator('[data-testid=two-factor]'), 'Recovery codes left: 10');

    const user = await h.store.findUserByEmail(accounts.agent2.email);
    await h.node.services.accounts.twoFactor.turnOff(user!.id);
  });
});
