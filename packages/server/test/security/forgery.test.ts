import { login } from '@beckon/test-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness } from '../harness.ts';

async function codeOf(answer: Response): Promise<string> {
  return ((await answer.json()) as { error: { code: string } }).error.code;
}

/**
 * Cross-site request forgery against the signed-in console: the session cookie is SameSite=Lax, so a page on
 * another port or a sibling subdomain (same site) still gets it sent along. Each attack is what such a page's
 * `fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include' })` or form puts on the wire.
 */
describe('cross-site request forgery with the session cookie', () => {
  let h: Harness;
  let admin: string;
  let ruleId: string;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    admin = await login(h.url, 'admin@beckon.local', password);
    const rules = await h.node.services.widgets.rules(h.demoWidgetId);
    // A rule without a status is published.
    const rule = rules.find((r) => (r.status ?? 'published') === 'published');
    if (!rule) throw new Error('the demo seed has no published rule');
    ruleId = rule.id;
  });

  const post = (path: string, headers: Record<string, string>, body?: string) =>
    fetch(`${h.url}${path}`, { method: 'POST', headers: { cookie: admin, ...headers }, body });
  const signedIn = async () =>
    (await fetch(`${h.url}/v1/auth/me`, { headers: { cookie: admin } })).status === 200;
  const ruleStatus = async () =>
    (await h.node.services.widgets.rules(h.demoWidgetId)).find((r) => r.id === ruleId)?.status ?? 'published';

  const forgeries: [string, Record<string, string>][] = [
    [
      'a page on another port of the same host',
      { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' },
    ],
    ['a sibling subdomain', { origin: 'http://evil.localhost', 'sec-fetch-site': 'same-site' }],
    ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['an opaque origin (sandboxed frame, data: page)', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
    ['no Origin, Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin, Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }],
    ['neither Origin nor Sec-Fetch-Site', {}],
  ];

  for (const [from, headers] of forgeries) {
    it(`refuses publish, unpublish, preview and logout from ${from}`, async () => {
      for (const action of ['unpublish', 'preview', 'publish']) {
        const answer = await post(`/v1/rules/${ruleId}/${action}`, headers);
        expect(answer.status, action).toBe(403);
        expect(await codeOf(answer), action).toBe('FORBIDDEN_ORIGIN');
      }
      expect(await ruleStatus()).toBe('published');
      const logout = await post('/v1/auth/logout', headers);
      expect(logout.status).toBe(403);
      expect(await codeOf(logout)).toBe('FORBIDDEN_ORIGIN');
      expect(await signedIn()).toBe(true);
    });
  }

  it('refuses before reading the body: a forged request is not even parsed', async () => {
    const answer = await post(
      `/v1/widgets/${h.demoWidgetId}/rules`,
      { origin: 'http://127.0.0.1:1', 'content-type': 'text/plain' },
      '{"not": "json for this route"',
    );
    expect(answer.status).toBe(403);
    expect(await codeOf(answer)).toBe('FORBIDDEN_ORIGIN');
  });

  it("lets the console's own origin act, by Origin or by Sec-Fetch-Site same-origin", async () => {
    expect((await post(`/v1/rules/${ruleId}/unpublish`, { origin: h.url })).status).toBe(200);
    expect(await ruleStatus()).toBe('draft');
    expect((await post(`/v1/rules/${ruleId}/publish`, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect(await ruleStatus()).toBe('published');
    // Origin is what counts when both are there.
    const lying = await post(`/v1/rules/${ruleId}/unpublish`, {
      origin: 'http://127.0.0.1:1',
      'sec-fetch-site': 'same-origin',
    });
    expect(lying.status).toBe(403);
    expect((await post('/v1/auth/logout', { origin: h.url })).status).toBe(204);
    expect(await signedIn()).toBe(false);
  });

  it('leaves reads and non-browser clients alone, and refuses a sign-in posted by a foreign page', async () => {
    // Reads are not state changes (and without CORS the foreign page cannot read the answer).
    const read = await fetch(`${h.url}/v1/auth/me`, {
      headers: { cookie: admin, origin: 'https://evil.example' },
    });
    expect(read.status).toBe(200);
    // A script without a cookie or browser headers: the route's own checks answer.
    const anonymous = await fetch(`${h.url}/v1/rules/${ruleId}/publish`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(await codeOf(anonymous)).toBe('UNAUTHENTICATED');
    // Signing the victim in to the attacker's account from another page is refused too.
    const loginBody = JSON.stringify({ email: 'agent@beckon.local', password });
    const forgedLogin = await fetch(`${h.url}/v1/auth/login`, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:1', 'content-type': 'application/json' },
      body: loginBody,
    });
    expect(forgedLogin.status).toBe(403);
    expect(forgedLogin.headers.get('set-cookie')).toBeNull();
  });
});

describe('the console served from configured origins', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        BECKON_PUBLIC_URL: 'https://chat.example.com',
        BECKON_CONSOLE_ORIGINS: 'https://console.example.com, http://localhost:5173',
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('accepts BECKON_PUBLIC_URL and BECKON_CONSOLE_ORIGINS, and still refuses their siblings', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const logout = (origin: string) =>
      fetch(`${h.url}/v1/auth/logout`, { method: 'POST', headers: { cookie: admin, origin } });
    for (const sibling of ['https://www.example.com', 'http://chat.example.com', 'http://localhost:5174']) {
      expect((await logout(sibling)).status, sibling).toBe(403);
    }
    for (const allowed of [
      'https://chat.example.com',
      'https://console.example.com',
      'http://localhost:5173',
    ]) {
      const other = await login(h.url, 'admin@beckon.local', password);
      const answer = await fetch(`${h.url}/v1/auth/logout`, {
        method: 'POST',
        headers: { cookie: other, origin: allowed },
      });
      expect(answer.status, allowed).toBe(204);
    }
  });
});
