import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { accounts, openScreen, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { waitForText } from './support/wait.ts';

/** The API tokens screen: an admin creates a token from the keyboard, copies it once, an integration uses it, revoked. */

async function violations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
}

describe('API tokens in the console', () => {
  const harness = useHarness();

  test('create from the keyboard, copy the token shown once, use it, revoke it; axe-clean', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email);
    await admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
    await openScreen(admin, 'API tokens');
    await admin.locator('[data-testid=api-tokens-screen]').waitFor({ state: 'visible' });
    expect(await violations(admin, '[data-testid=api-tokens-screen]')).toEqual([]);

    // Keyboard only: name, one scope (Space ticks it), submit with Enter.
    await admin.getByLabel('Name', { exact: true }).focus();
    await admin.keyboard.type('Marketing site');
    await admin.getByRole('checkbox', { name: /Invite visitors to chat/ }).focus();
    await admin.keyboard.press('Space');
    await admin.locator('[data-testid=api-token-create]').focus();
    await admin.keyboard.press('Enter');

    const secret = admin.locator('[data-testid=api-token-secret]');
    await secret.waitFor({ state: 'visible' });
    // Focus lands on the token, so a screen reader reads it and the keyboard can copy it at once.
    await expect
      .poll(() => admin.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('api-token-secret');
    const token = await secret.inputValue();
    expect(token).toMatch(/^tok_[\w-]+\.[\w-]{43}$/);
    await admin.locator('[data-testid=api-token-copy]').click();
    await waitForText(admin.locator('[data-testid=api-token-new] [role=status]'), 'Copied.');
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(token);
    const row = admin.locator('[data-testid="api-token-row-Marketing site"]');
    await waitForText(row, 'visitors:write');
    expect(await violations(admin, '[data-testid=api-tokens-screen]')).toEqual([]);

    // An integration uses it; the page never shows the secret again.
    const used = await fetch(`${h.origin}/v1/visitors/vis_gone/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Hello from the marketing site' }),
    });
    // Through the token's gate to the invitation itself: that visitor is not on the site.
    expect(((await used.json()) as { error: { code: string } }).error.code).toBe('VISITOR_NOT_CONNECTED');
    await admin.reload();
    await admin.locator('[data-testid="api-token-row-Marketing site"]').waitFor({ state: 'visible' });
    // Its last use is listed now.
    expect(await admin.locator('[data-testid="api-token-row-Marketing site"]').textContent()).not.toContain(
      'never',
    );
    expect(await admin.locator('[data-testid=api-tokens-screen]').textContent()).not.toContain(
      token.split('.')[1],
    );

    // Revoke: the confirmation takes the focus; the token is refused from then on.
    await admin.getByRole('button', { name: 'Revoke Marketing site' }).click();
    await expect
      .poll(() => admin.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('api-token-confirm-revoke');
    expect(await violations(admin, '[data-testid=api-tokens-screen]')).toEqual([]);
    await admin.keyboard.press('Enter');
    await waitForText(
      admin.locator('[data-testid="api-token-row-Marketing site"] [data-testid=api-token-status]'),
      'Revoked',
    );
    const refused = await fetch(`${h.origin}/v1/widgets`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);

    // The API reference, read from the served OpenAPI document, opened from the keyboard.
    const reference = admin.locator('[data-testid=api-reference]');
    await reference.locator('summary').focus();
    await admin.keyboard.press('Enter');
    const invite = reference.locator('tr', { hasText: 'POST /v1/visitors/{id}/invitations' });
    await waitForText(invite, 'visitors:write');
    await waitForText(
      reference.locator('tr', { hasText: 'POST /v1/api-tokens' }),
      'none (signed-in console only)',
    );
    expect(await violations(admin, '[data-testid=api-tokens-screen]')).toEqual([]);
  });

  test('in French: Jetons d’API, axe-clean', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email, { locale: 'fr-FR' });
    await openScreen(admin, 'Jetons d’API');
    await waitForText(admin.locator('[data-testid=api-tokens-screen]'), 'Portées');
    expect(await violations(admin, '[data-testid=api-tokens-screen]')).toEqual([]);
  });
});
