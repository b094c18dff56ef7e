import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accounts, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { waitForText } from './support/wait.ts';

/** Signing in to the console through a real OpenID provider (panva's oidc-provider) with its login form. */

let providerServer: Server;
let issuer = '';
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

// Registered before the harness's hook, so the provider's address is known when the node is configured.
beforeAll(async () => {
  providerServer = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => providerServer.close(() => resolve())));

/** The provider's client for one Beckon origin; `roleOf` gives each `sub` its groups. */
function startProvider(origin: string, secret: string, groupsOf: (sub: string) => string[]): void {
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'beckon',
        client_secret: secret,
        redirect_uris: [`${origin}/v1/auth/oidc/callback`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({
        sub,
        email: `${sub}@corp.example`,
        email_verified: true,
        name: 'Lee Supervisor',
        groups: groupsOf(sub),
      }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['e2e-cookie-key'] },
  });
  handler = provider.callback();
}

async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
}

/** Through the provider's development login and consent pages as `sub`. */
async function providerLogin(page: Page, sub: string): Promise<void> {
  await page.locator('input[name=login]').fill(sub);
  await page.locator('input[name=password]').fill('anything');
  await page.locator('button[type=submit]').click();
  await page.locator('button[type=submit]').click();
}

describe('single sign-on in the console', () => {
  const harness = useHarness(() => ({
    env: {
      BECKON_OIDC_ISSUER: issuer,
      BECKON_OIDC_CLIENT_ID: 'beckon',
      BECKON_OIDC_CLIENT_SECRET: 'beckon-e2e-secret',
      BECKON_OIDC_NAME: 'Corp ID',
      BECKON_OIDC_ROLES: 'admin=beckon-admins,supervisor=beckon-leads,agent=beckon-agents',
    },
  }));

  test('“Sign in with Corp ID”, the provider’s login form, and back signed in with the mapped role', async () => {
    const h = harness();
    startProvider(h.origin, 'beckon-e2e-secret', (sub) => [
      sub === 'root-sub' ? 'beckon-admins' : 'beckon-leads',
    ]);

    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.origin}/console/`);
    const button = page.getByRole('link', { name: 'Sign in with Corp ID' });
    await button.waitFor({ state: 'visible' });
    const results = await new AxeBuilder({ page })
      .include('.sign-in')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await button.click();
    // oidc-provider's development login page, then its consent page.
    await page.locator('input[name=login]').fill('lee-sub');
    await page.locator('input[name=password]').fill('anything');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]').click();
    await page.locator('[data-testid=presence-select]').waitFor({ state: 'visible', timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/console/');
    const me = await page.evaluate(() => fetch('/v1/auth/me').then((r) => r.json()));
    expect(me.user).toMatchObject({ email: 'lee-sub@corp.example', role: 'supervisor' });

    // An admin from the provider sees the configuration, read-only, on the Team screen.
    const adminPage = await (await h.newContext()).newPage();
    await adminPage.goto(`${h.origin}/console/`);
    await adminPage.getByRole('link', { name: 'Sign in with Corp ID' }).click();
    await adminPage.locator('input[name=login]').fill('root-sub');
    await adminPage.locator('input[name=password]').fill('anything');
    await adminPage.locator('button[type=submit]').click();
    await adminPage.locator('button[type=submit]').click();
    await adminPage.locator('[data-testid=nav-team]').click();
    const section = adminPage.locator('[data-testid=sso-settings]');
    // Set by the environment: shown, read-only, with the variable that sets it.
    const issuerField = section.locator('[data-testid=sso-issuer]');
    await issuerField.waitFor({ state: 'visible' });
    expect(await issuerField.inputValue()).toBe(issuer);
    expect(await issuerField.getAttribute('readonly')).not.toBeNull();
    expect(await section.locator('[data-testid=sso-role-supervisor]').inputValue()).toBe('beckon-leads');
    await waitForText(section, 'Set on the server by BECKON_OIDC_ISSUER');
    await waitForText(section, 'Password sign-in');
    expect(await axeViolations(adminPage, '[data-testid=sso-settings]')).toEqual([]);
    expect(await section.textContent()).not.toContain('beckon-e2e-secret');
  });

  test('a refused single sign-on is said in words on the sign-in screen', async () => {
    const h = harness();
    const context = await h.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${h.origin}/console/?sso_error=SSO_NO_ROLE`);
    await waitForText(page.locator('[role=alert]'), 'pas encore de rôle Beckon');
    expect(new URL(page.url()).search).toBe('');
  });
});

describe('single sign-on set up by an admin in the console', () => {
  const harness = useHarness();

  test('the admin enters the settings, checks them, saves; then a user signs in with single sign-on', async () => {
    const h = harness();
    startProvider(h.origin, 'console-secret', (sub) => [sub === 'kim-sub' ? 'beckon-agents' : 'nobody']);
    const admin = await signIn(h, accounts.admin.email);
    await admin.locator('[data-testid=nav-team]').click();
    const section = admin.locator('[data-testid=sso-settings]');
    await section.getByLabel('Issuer URL').waitFor({ state: 'visible' });
    await waitForText(section, 'No secret saved yet.');
    expect(await section.locator('[data-testid=sso-redirect-uri]').textContent()).toBe(
      `${h.origin}/v1/auth/oidc/callback`,
    );

    await section.getByLabel('Single sign-on on').check();
    await section.getByLabel('Name on the sign-in button').fill('Corp ID');
    // A wrong address first: the check says so in words, nothing is saved.
    await section.getByLabel('Issuer URL').fill(`${issuer}/wrong`);
    await section.getByLabel('Client ID').fill('beckon');
    await section.getByLabel('Client secret').fill('console-secret');
    await section.getByLabel('Agent', { exact: true }).fill('beckon-agents, helpdesk');
    await section.getByLabel('Admin', { exact: true }).fill('beckon-admins');
    await section.getByRole('button', { name: 'Check with the provider' }).press('Enter');
    await waitForText(section.locator('[role=alert]'), 'could not be used');

    await section.getByLabel('Issuer URL').fill(issuer);
    await section.getByRole('button', { name: 'Check with the provider' }).press('Enter');
    await waitForText(section.locator('[role=status]'), 'It works: the provider answered');
    expect(await section.locator('[role=alert]').textContent()).toBe('');
    expect(await axeViolations(admin, '[data-testid=sso-settings]')).toEqual([]);

    // Enter in a field saves the form, as in any form.
    await section.getByLabel('Client ID').press('Enter');
    await waitForText(section.locator('[role=status]'), 'Saved. It applies at the next sign-in.');
    await waitForText(section, 'A secret is saved (never shown)');
    expect(await section.getByLabel('Client secret').inputValue()).toBe('');

    // No restart: the sign-in screen offers the button, and the provider's user comes in with the mapped role.
    const page = await (await h.newContext()).newPage();
    await page.goto(`${h.origin}/console/`);
    await page.getByRole('link', { name: 'Sign in with Corp ID' }).click();
    await providerLogin(page, 'kim-sub');
    await page.locator('[data-testid=presence-select]').waitFor({ state: 'visible', timeout: 15_000 });
    const me = await page.evaluate(() => fetch('/v1/auth/me').then((r) => r.json()));
    expect(me.user).toMatchObject({ email: 'kim-sub@corp.example', role: 'agent' });
  });

  test('the form speaks French, and so do its refusals', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email, { locale: 'fr-FR' });
    await admin.locator('[data-testid=nav-team]').click();
    const section = admin.locator('[data-testid=sso-settings]');
    await section.getByLabel('Connexion par mot de passe autorisée').uncheck();
    await section.getByRole('button', { name: 'Enregistrer' }).click();
    await waitForText(section.locator('[role=alert]'), 'Ces réglages ont été refusés');
  });
});

describe('password sign-in turned off', () => {
  const harness = useHarness(() => ({
    env: {
      BECKON_OIDC_ISSUER: issuer,
      BECKON_OIDC_CLIENT_ID: 'beckon',
      BECKON_OIDC_CLIENT_SECRET: 'beckon-e2e-secret',
      BECKON_OIDC_ROLES: 'agent=beckon-agents',
      BECKON_PASSWORD_LOGIN: 'false',
    },
  }));

  test('the sign-in screen offers single sign-on only', async () => {
    const h = harness();
    const page = await (await h.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${h.origin}/console/`);
    await page.getByRole('link', { name: 'Se connecter avec single sign-on' }).waitFor({ state: 'visible' });
    expect(await page.locator('input[name=password]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=login-submit]').count()).toBe(0);
  });
});
