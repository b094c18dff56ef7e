// Over 300 lines: the whole sign-in round trip against a real OpenID provider, with the browser and forms it needs, and its cases (configured by environment and by an admin).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { login } from '@beckon/test-kit';
import Provider from 'oidc-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness } from './harness.ts';

/** The people the test identity provider knows, by `sub`; tests change them between sign-ins. */
const people: Record<string, { email: string; email_verified: boolean; name: string; groups: string[] }> = {};

let providerServer: Server;
let issuer: string;
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

/** A real OpenID provider (panva's oidc-provider) on an ephemeral port, its client registered per node. */
function startProvider(redirectUri: string): void {
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'beckon',
        client_secret: 'beckon-test-secret',
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    findAccount: async (_ctx, sub) =>
      people[sub] ? { accountId: sub, claims: async () => ({ sub, ...people[sub] }) } : undefined,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key'] },
  });
  handler = provider.callback();
}

beforeAll(async () => {
  providerServer = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => providerServer.close(() => resolve())));

let h: Harness;
afterEach(async () => h?.close());

async function startNode(env: Record<string, string> = {}): Promise<Harness> {
  h = await startHarness({
    env: {
      BECKON_OIDC_ISSUER: issuer,
      BECKON_OIDC_CLIENT_ID: 'beckon',
      BECKON_OIDC_CLIENT_SECRET: 'beckon-test-secret',
      BECKON_OIDC_NAME: 'Corp ID',
      BECKON_OIDC_ROLES: 'admin=beckon-admins,supervisor=beckon-leads,agent=beckon-agents',
      ...env,
    },
  });
  startProvider(`${h.url}/v1/auth/oidc/callback`);
  return h;
}

/** One browser's cookies (both servers are on 127.0.0.1, and cookies ignore ports, as in a browser). */
class Browser {
  readonly cookies = new Map<string, string>();

  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

/** Submits the provider's dev login or consent form as a person would. */
async function submitForm(browser: Browser, pageUrl: string, html: string, sub: string): Promise<Response> {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on ${pageUrl}: ${html.slice(0, 300)}`);
  const fields = new URLSearchParams();
  for (const [tag] of html.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (!name) continue;
    const value =
      name === 'login' ? sub : name === 'password' ? 'anything' : (/value="([^"]*)"/.exec(tag)?.[1] ?? '');
    fields.set(name, value);
  }
  return browser.get(new URL(action, pageUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
}

/**
 * The whole authorization code flow from the console's button: through the provider's login (and consent)
 * forms, back to Beckon's callback. `tamper` may change the callback URL before the browser follows it.
 */
async function ssoSignIn(sub: string, tamper: (url: URL) => URL = (url) => url) {
  const browser = new Browser();
  let response = await browser.get(`${h.url}/v1/auth/oidc/start`);
  for (let step = 0; step < 20; step++) {
    const location = response.headers.get('location');
    const here = response.url;
    if (response.status >= 300 && response.status < 400 && location) {
      let next = new URL(location, here);
      if (next.pathname === '/v1/auth/oidc/callback') {
        next = tamper(next);
        const callback = await browser.get(next.href);
        return { browser, callback, body: await callback.text() };
      }
      response = await browser.get(next.href);
    } else if (response.status === 200 && new URL(here).origin === issuer) {
      response = await submitForm(browser, here, await response.text(), sub);
    } else {
      throw new Error(`unexpected ${response.status} at ${here}: ${await response.text()}`);
    }
  }
  throw new Error('too many steps');
}

async function me(browser: Browser) {
  const response = await browser.get(`${h.url}/v1/auth/me`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { user: { id: string; email: string; role: string; name: string } })
    .user;
}

describe('single sign-on with a real OpenID provider', () => {
  it('creates the account on first sign-in with the mapped role, then finds it by subject', async () => {
    await startNode();
    people['sub-ann'] = {
      email: 'Ann@Corp.example',
      email_verified: true,
      name: 'Ann Lee',
      groups: ['beckon-agents'],
    };
    const first = await ssoSignIn('sub-ann');
    expect(first.callback.status).toBe(303);
    expect(first.callback.headers.get('location')).toBe('/console/');
    const ann = await me(first.browser);
    expect(ann).toMatchObject({ email: 'ann@corp.example', name: 'Ann Lee', role: 'agent' });

    // The address changes at the provider and she becomes a lead: same account, the new role applied.
    people['sub-ann'] = {
      ...people['sub-ann'],
      email: 'ann.lee@corp.example',
      groups: ['x', 'beckon-leads'],
    };
    const second = await ssoSignIn('sub-ann');
    expect(second.callback.status).toBe(303);
    expect(await me(second.browser)).toMatchObject({ id: ann.id, role: 'supervisor' });
    expect((await h.node.store.listUsers()).filter((u) => u.email.includes('corp.example'))).toHaveLength(1);
  });

  it('links an existing account by verified e-mail only', async () => {
    await startNode();
    const agent = await h.node.store.findUserByEmail('agent@beckon.local');
    people['sub-unverified'] = {
      email: 'agent@beckon.local',
      email_verified: false,
      name: 'X',
      groups: ['beckon-admins'],
    };
    const refused = await ssoSignIn('sub-unverified');
    expect(refused.callback.status).toBe(303);
    expect(refused.callback.headers.get('location')).toBe('/console/?sso_error=SSO_FAILED');
    expect(refused.browser.cookies.has('beckon_session')).toBe(false);
    expect(await h.node.store.findUserByIdentity(issuer, 'sub-unverified')).toBeUndefined();

    people['sub-agent'] = {
      email: 'agent@beckon.local',
      email_verified: true,
      name: 'A',
      groups: ['beckon-agents'],
    };
    const linked = await ssoSignIn('sub-agent');
    expect(linked.callback.status).toBe(303);
    expect((await me(linked.browser)).id).toBe(agent!.id);
    expect((await h.node.store.findUserByIdentity(issuer, 'sub-agent'))?.id).toBe(agent!.id);
  });

  it('refuses a person with no mapped role, a disabled account and a tampered state', async () => {
    await startNode();
    people['sub-norole'] = {
      email: 'nobody@corp.example',
      email_verified: true,
      name: 'N',
      groups: ['staff'],
    };
    const noRole = await ssoSignIn('sub-norole');
    expect(noRole.callback.status).toBe(303);
    expect(noRole.callback.headers.get('location')).toBe('/console/?sso_error=SSO_NO_ROLE');
    expect(await h.node.store.findUserByEmail('nobody@corp.example')).toBeUndefined();

    people['sub-bo'] = {
      email: 'bo@corp.example',
      email_verified: true,
      name: 'Bo',
      groups: ['beckon-agents'],
    };
    await ssoSignIn('sub-bo');
    const bo = await h.node.store.findUserByEmail('bo@corp.example');
    await h.node.store.updateUser(bo!.id, { status: 'disabled' });
    const disabled = await ssoSignIn('sub-bo');
    expect(disabled.callback.status).toBe(303);
    expect(disabled.callback.headers.get('location')).toBe('/console/?sso_error=SSO_FAILED');
    expect(disabled.browser.cookies.has('beckon_session')).toBe(false);

    await h.node.store.updateUser(bo!.id, { status: 'active' });
    const tampered = await ssoSignIn('sub-bo', (url) => {
      url.searchParams.set('state', 'forged-state');
      return url;
    });
    expect(tampered.callback.status).toBe(303);
    expect(tampered.callback.headers.get('location')).toBe('/console/?sso_error=SSO_FAILED');
    expect(tampered.browser.cookies.has('beckon_session')).toBe(false);
  });

  it('keeps the last active admin an admin and puts what the provider changed in the audit trail', async () => {
    await startNode();
    const admin = await h.node.store.findUserByEmail('admin@beckon.local');
    // The only admin's groups at the provider no longer say admin: the role stays, and the trail says why.
    people['sub-root'] = {
      email: 'admin@beckon.local',
      email_verified: true,
      name: 'Root',
      groups: ['beckon-agents'],
    };
    expect((await me((await ssoSignIn('sub-root')).browser)).role).toBe('admin');
    const kept = await h.node.store.listAuditEntries({ action: 'user.role_kept', limit: 10 });
    expect(kept).toMatchObject([
      { actorId: admin!.id, targetId: admin!.id, details: { from: 'admin', to: 'agent' } },
    ]);
    expect(await h.node.store.listAuditEntries({ action: 'user.identity_linked', limit: 10 })).toHaveLength(
      1,
    );

    // A second admin comes in just in time; now the first can be demoted by the provider.
    people['sub-dee'] = {
      email: 'dee@corp.example',
      email_verified: true,
      name: 'Dee',
      groups: ['beckon-admins'],
    };
    const dee = await me((await ssoSignIn('sub-dee')).browser);
    expect(await h.node.store.listAuditEntries({ action: 'user.created', limit: 10 })).toMatchObject([
      { actorId: dee.id, targetId: dee.id, details: { role: 'admin', via: 'single sign-on' } },
    ]);
    people['sub-root'] = { ...people['sub-root'], groups: ['beckon-admins'] };
    const before = await ssoSignIn('sub-root');
    expect((await me(before.browser)).role).toBe('admin');
    people['sub-root'] = { ...people['sub-root'], groups: ['beckon-agents'] };
    expect((await me((await ssoSignIn('sub-root')).browser)).role).toBe('agent');
    // The session opened as admin ended with the role change.
    expect((await before.browser.get(`${h.url}/v1/auth/me`)).status).toBe(401);
    expect(await h.node.store.listAuditEntries({ action: 'user.role_changed', limit: 10 })).toMatchObject([
      { targetId: admin!.id, details: { from: 'admin', to: 'agent', via: 'single sign-on' } },
    ]);
  });

  it('tells the console what sign-in offers and shows admins the configuration', async () => {
    await startNode();
    const options = await fetch(`${h.url}/v1/auth/sign-in-options`).then((r) => r.json());
    expect(options).toEqual({
      passwordLogin: true,
      singleSignOn: { name: 'Corp ID', startUrl: '/v1/auth/oidc/start' },
    });
    const admin = await login(h.url, 'admin@beckon.local', password);
    const settings = await fetch(`${h.url}/v1/settings/single-sign-on`, { headers: { cookie: admin } });
    const text = await settings.text();
    expect(text).not.toContain('beckon-test-secret');
    expect(JSON.parse(text)).toMatchObject({
      configured: true,
      passwordLogin: true,
      issuer,
      roleMapping: [
        { role: 'admin', values: ['beckon-admins'] },
        { role: 'supervisor', values: ['beckon-leads'] },
        { role: 'agent', values: ['beckon-agents'] },
      ],
    });
    const agent = await login(h.url, 'agent@beckon.local', password);
    const forbidden = await fetch(`${h.url}/v1/settings/single-sign-on`, { headers: { cookie: agent } });
    expect(forbidden.status).toBe(403);
  });

  it('refuses password sign-in when it is turned off, while single sign-on works', async () => {
    await startNode({ BECKON_PASSWORD_LOGIN: 'false' });
    const response = await fetch(`${h.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@beckon.local', password }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'PASSWORD_LOGIN_DISABLED',
    );
    expect(await fetch(`${h.url}/v1/auth/sign-in-options`).then((r) => r.json())).toMatchObject({
      passwordLogin: false,
    });
    people['sub-cy'] = {
      email: 'cy@corp.example',
      email_verified: true,
      name: 'Cy',
      groups: ['beckon-admins'],
    };
    const signedIn = await ssoSignIn('sub-cy');
    expect((await me(signedIn.browser)).role).toBe('admin');
  });
});

/** A port nothing listens on (one just released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An admin's (or anyone's) JSON request with a session cookie. */
async function call(cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${h.url}${path}`, {
    method,
    headers: { cookie, origin: h.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
}

describe('single sign-on set up by an admin in the console', () => {
  const settings = () => ({
    enabled: true,
    issuer,
    clientId: 'beckon',
    clientSecret: 'beckon-test-secret',
    name: 'Corp ID',
    rolesClaim: 'groups',
    roleMapping: [
      { role: 'admin', values: ['beckon-admins'] },
      { role: 'agent', values: ['beckon-agents'] },
    ],
    passwordLogin: true,
  });

  async function startPlainNode(env: Record<string, string> = {}) {
    h = await startHarness({ env });
    startProvider(`${h.url}/v1/auth/oidc/callback`);
    return login(h.url, 'admin@beckon.local', password);
  }

  it('checks, saves and applies the settings without a restart, never showing the secret', async () => {
    const admin = await startPlainNode();
    const empty = await call(admin, 'GET', '/v1/settings/single-sign-on');
    expect(empty.json).toMatchObject({
      configured: false,
      enabled: false,
      passwordLogin: true,
      clientSecretSet: false,
      fromEnvironment: [],
      redirectUri: `${h.url}/v1/auth/oidc/callback`,
    });

    const unreachable = await call(admin, 'POST', '/v1/settings/single-sign-on/check', {
      ...settings(),
      issuer: `http://127.0.0.1:${await closedPort()}`,
    });
    expect(unreachable.status).toBe(422);
    expect(unreachable.json.error).toMatchObject({ code: 'SSO_DISCOVERY_FAILED' });
    expect(unreachable.json.error.message).toContain('nothing answers at that address');
    const notProvider = await call(admin, 'POST', '/v1/settings/single-sign-on/check', {
      ...settings(),
      issuer: `${h.url}/nowhere`,
    });
    expect(notProvider.json.error.code).toBe('SSO_DISCOVERY_FAILED');
    const checked = await call(admin, 'POST', '/v1/settings/single-sign-on/check', settings());
    expect(checked.status).toBe(200);
    expect(checked.json).toMatchObject({ ok: true, authorizationEndpoint: expect.stringContaining(issuer) });
    expect(checked.json.message).toContain(`Register ${h.url}/v1/auth/oidc/callback`);

    const { clientSecret: _, ...withoutSecret } = settings();
    const incomplete = await call(admin, 'PUT', '/v1/settings/single-sign-on', withoutSecret);
    expect(incomplete.status).toBe(422);
    expect(incomplete.json.error).toMatchObject({ code: 'SSO_SETTINGS_INVALID' });
    expect(incomplete.json.error.message).toContain('the client secret');

    const agent = await login(h.url, 'agent@beckon.local', password);
    expect((await call(agent, 'PUT', '/v1/settings/single-sign-on', settings())).status).toBe(403);
    expect((await call(agent, 'POST', '/v1/settings/single-sign-on/check', settings())).status).toBe(403);

    const saved = await call(admin, 'PUT', '/v1/settings/single-sign-on', settings());
    expect(saved.status).toBe(200);
    expect(saved.text).not.toContain('beckon-test-secret');
    expect(saved.json).toMatchObject({ configured: true, clientSecretSet: true, issuer, name: 'Corp ID' });
    // Saving again without the secret keeps it (write-only).
    expect((await call(admin, 'PUT', '/v1/settings/single-sign-on', withoutSecret)).json).toMatchObject({
      configured: true,
      clientSecretSet: true,
    });
    expect(await fetch(`${h.url}/v1/auth/sign-in-options`).then((r) => r.json())).toEqual({
      passwordLogin: true,
      singleSignOn: { name: 'Corp ID', startUrl: '/v1/auth/oidc/start' },
    });

    people['sub-eve'] = {
      email: 'eve@corp.example',
      email_verified: true,
      name: 'Eve',
      groups: ['beckon-agents'],
    };
    const eve = await me((await ssoSignIn('sub-eve')).browser);
    expect(eve).toMatchObject({ email: 'eve@corp.example', role: 'agent' });

    // A wrong secret makes the token request fail: the client was made again with it, not kept from before.
    await call(admin, 'PUT', '/v1/settings/single-sign-on', { ...settings(), clientSecret: 'wrong' });
    const refused = await ssoSignIn('sub-eve');
    expect(refused.callback.headers.get('location')).toBe('/console/?sso_error=SSO_FAILED');
    await call(admin, 'PUT', '/v1/settings/single-sign-on', settings());
    expect((await me((await ssoSignIn('sub-eve')).browser)).id).toBe(eve.id);

    const updates = await h.node.store.listAuditEntries({
      action: 'settings.single_sign_on_updated',
      limit: 10,
    });
    expect(updates).toHaveLength(4);
    // The first save set every field; the trail says which, never the values.
    expect(updates.map((entry) => entry.details?.changed)).toContainEqual([
      'enabled',
      'issuer',
      'clientId',
      'clientSecret',
      'name',
      'rolesClaim',
      'roleMapping',
      'passwordLogin',
    ]);
    expect(updates.map((entry) => entry.targetType)).toEqual(Array(4).fill('settings'));
    expect(JSON.stringify(updates)).not.toContain('beckon-test-secret');
    const signIns = await h.node.store.listAuditEntries({ action: 'user.signed_in', limit: 20 });
    expect(signIns.filter((e) => e.details?.method === 'sso').map((e) => e.actorId)).toEqual([
      eve.id,
      eve.id,
    ]);
    expect(signIns.filter((e) => e.details?.method === 'password')).toHaveLength(2);

    // Switched off: the button goes, and the routes answer as when nothing is configured.
    await call(admin, 'PUT', '/v1/settings/single-sign-on', { ...settings(), enabled: false });
    expect(await fetch(`${h.url}/v1/auth/sign-in-options`).then((r) => r.json())).toEqual({
      passwordLogin: true,
    });
    expect((await fetch(`${h.url}/v1/auth/oidc/start`, { redirect: 'manual' })).status).toBe(404);
  });

  it('turns password sign-in off only when an admin can sign in through the provider', async () => {
    const admin = await startPlainNode();
    const tooEarly = await call(admin, 'PUT', '/v1/settings/single-sign-on', {
      ...settings(),
      passwordLogin: false,
    });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.json.error.code).toBe('SSO_SETTINGS_INVALID');
    expect(tooEarly.json.error.message).toContain(
      'No active admin has signed in through this identity provider',
    );
    const withoutSso = await call(admin, 'PUT', '/v1/settings/single-sign-on', {
      enabled: false,
      passwordLogin: false,
    });
    expect(withoutSso.json.error.code).toBe('SSO_SETTINGS_INVALID');

    await call(admin, 'PUT', '/v1/settings/single-sign-on', settings());
    people['sub-root2'] = {
      email: 'admin@beckon.local',
      email_verified: true,
      name: 'Root',
      groups: ['beckon-admins'],
    };
    await ssoSignIn('sub-root2');
    const off = await call(admin, 'PUT', '/v1/settings/single-sign-on', {
      ...settings(),
      passwordLogin: false,
    });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ passwordLogin: false });
    const login = await fetch(`${h.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@beckon.local', password }),
    });
    expect(login.status).toBe(403);
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe('PASSWORD_LOGIN_DISABLED');

    // Now single sign-on cannot be switched off, nor moved to a provider no admin signed in through.
    const lockOut = await call(admin, 'PUT', '/v1/settings/single-sign-on', {
      ...settings(),
      enabled: false,
      passwordLogin: false,
    });
    expect(lockOut.json.error.code).toBe('SSO_SETTINGS_INVALID');
    const noAdminRole = await call(admin, 'PUT', '/v1/settings/single-sign-on', {
      ...settings(),
      roleMapping: [{ role: 'agent', values: ['beckon-agents'] }],
      passwordLogin: false,
    });
    expect(noAdminRole.json.error.code).toBe('SSO_SETTINGS_INVALID');
    expect((await call(admin, 'PUT', '/v1/settings/single-sign-on', settings())).status).toBe(200);
  });

  it('lets environment variables win field by field, read-only through the API', async () => {
    const admin = await startPlainNode({
      BECKON_OIDC_CLIENT_SECRET: 'beckon-test-secret',
      BECKON_OIDC_NAME: 'Vault ID',
    });
    expect((await call(admin, 'GET', '/v1/settings/single-sign-on')).json).toMatchObject({
      configured: false,
      clientSecretSet: true,
      name: 'Vault ID',
      fromEnvironment: ['clientSecret', 'name'],
    });
    const overridden = await call(admin, 'PUT', '/v1/settings/single-sign-on', settings());
    expect(overridden.status).toBe(422);
    expect(overridden.json.error).toMatchObject({
      code: 'SSO_SETTINGS_INVALID',
      details: { fields: ['clientSecret', 'name'] },
    });
    expect(overridden.json.error.message).toContain('BECKON_OIDC_CLIENT_SECRET, BECKON_OIDC_NAME');
    const { clientSecret: _, name: __, ...rest } = settings();
    expect((await call(admin, 'PUT', '/v1/settings/single-sign-on', rest)).json).toMatchObject({
      configured: true,
      name: 'Vault ID',
    });
    people['sub-fay'] = {
      email: 'fay@corp.example',
      email_verified: true,
      name: 'Fay',
      groups: ['beckon-admins'],
    };
    expect((await me((await ssoSignIn('sub-fay')).browser)).role).toBe('admin');
  });
});

describe('without single sign-on configured', () => {
  it('answers SSO_NOT_CONFIGURED and offers passwords only', async () => {
    h = await startHarness();
    const start = await fetch(`${h.url}/v1/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(404);
    expect(((await start.json()) as { error: { code: string } }).error.code).toBe('SSO_NOT_CONFIGURED');
    expect(await fetch(`${h.url}/v1/auth/sign-in-options`).then((r) => r.json())).toEqual({
      passwordLogin: true,
    });
  });
});
