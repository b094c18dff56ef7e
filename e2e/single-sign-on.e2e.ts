import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'beckon',
          client_secret: 'beckon-e2e-secret',
          redirect_uris: [`${h.origin}/v1/auth/oidc/callback`],
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
          groups: [sub === 'root-sub' ? 'beckon-admins' : 'beckon-leads'],
        }),
      }),
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['e2e-cookie-key'] },
    });
    handler = provider.callback();

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
    await waitForText(section, issuer);
    await waitForText(section, 'Supervisor: beckon-leads');
    await waitForText(section, 'Password sign-in');
    const axe = await new AxeBuilder({ page: adminPage })
      .include('[data-testid=sso-settings]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
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
