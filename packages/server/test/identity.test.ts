import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type Harness, startHarness, visitor } from './harness.ts';

const secret = 'a-very-secret-shared-key-of-32-bytes!';
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.node.services.widgets.update(h.demoWidgetId, {
    identityAlgorithm: 'HS256',
    identitySecret: secret,
    identityIssuer: 'https://shop.example',
  });
});
afterEach(async () => {
  await h.close();
});

type Claims = { sub?: string; exp?: number; iss?: string; iat?: number; nbf?: number; aud?: string };

async function token(claims: Claims, key = secret) {
  const now = Math.floor(h.clock.now() / 1000);
  let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(claims.iat ?? now);
  if (claims.sub) jwt = jwt.setSubject(claims.sub);
  if (claims.nbf !== undefined) jwt = jwt.setNotBefore(claims.nbf);
  if (claims.aud !== undefined) jwt = jwt.setAudience(claims.aud);
  jwt = jwt.setIssuer(claims.iss ?? 'https://shop.example').setExpirationTime(claims.exp ?? now + 600);
  return jwt.sign(new TextEncoder().encode(key));
}

/** Sends the token and answers the refusal's message, or 'accepted' when the visitor counts as signed in. */
async function outcome(make: () => Promise<string>): Promise<string> {
  const v = await visitor(h);
  try {
    v.send({ type: 'auth.token', token: await make() });
    v.send({ type: 'chat.start' });
    // Frames arrive in order: a refusal comes before the conversation.
    const { conversation } = await v.next('conversation.update');
    const refusal = v.all('error')[0];
    if (refusal) {
      expect(refusal.code).toBe('AUTH_TOKEN_INVALID');
      return refusal.message;
    }
    const stored = await h.node.store.getConversation(conversation.id);
    return stored?.context.authenticated ? 'accepted' : 'not authenticated';
  } finally {
    await v.close();
  }
}

const nowSeconds = () => Math.floor(h.clock.now() / 1000);

describe('customer identification', () => {
  it('links the record named by a valid token sub', async () => {
    const alice = (await h.node.store.findActiveCustomers('email', 'alice@example.com'))[0]!;
    const v = await visitor(h);
    v.send({ type: 'auth.token', token: await token({ sub: alice.id }) });
    v.send({ type: 'chat.start' });
    const { conversation } = await v.next('conversation.update');
    const stored = await h.node.store.getConversation(conversation.id);
    expect(stored?.customer).toMatchObject({
      status: 'linked',
      method: 'jwt',
      verification: 'verified',
      customer: { name: 'Alice Martin', phone: '+33 6 12 34 56 78', company: 'Acme' },
    });
    expect(stored?.context.authenticated).toBe(true);
    await v.close();
  });

  it.each([
    ['expired', async () => token({ sub: 'x', exp: Math.floor(h.clock.now() / 1000) - 10 })],
    ['wrongly signed', async () => token({ sub: 'x' }, 'another-secret-that-is-long-enough!!')],
    ['without sub', async () => token({})],
    ['from another issuer', async () => token({ sub: 'x', iss: 'https://evil.example' })],
    ['not a JWT', async () => 'garbage'],
  ])('refuses a token that is %s with AUTH_TOKEN_INVALID', async (_name, make) => {
    const v = await visitor(h);
    v.send({ type: 'auth.token', token: await make() });
    expect((await v.next('error')).code).toBe('AUTH_TOKEN_INVALID');
    v.send({ type: 'chat.start' });
    const { conversation } = await v.next('conversation.update');
    expect((await h.node.store.getConversation(conversation.id))?.context.authenticated).toBe(false);
    await v.close();
  });

  it('leaves several pre-chat matches for the agent to pick, and none when only inactive records match', async () => {
    const v = await visitor(h);
    v.send({ type: 'chat.start', prechat: { email: 'sam@example.com' } });
    const { conversation } = await v.next('conversation.update');
    const stored = await h.node.store.getConversation(conversation.id);
    expect(stored?.customer.status).toBe('ambiguous');
    expect(stored?.customer.candidates).toHaveLength(2);
    const a = await agent(h);
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    await a.next('conversation.opened');
    // Unverified candidates carry only what the visitor typed: the records' companies stay on the server.
    expect(stored?.customer.verification).toBe('unverified');
    expect(stored?.customer.candidates.map((c) => c.company)).toEqual([undefined, undefined]);
    const umbrella = (await h.node.store.findActiveCustomers('email', 'sam@example.com')).find(
      (c) => c.company === 'Umbrella',
    )!;
    expect(stored?.customer.candidates.map((c) => c.id)).toContain(umbrella.id);
    const match = await h.node.services.identity.link(conversation.id, umbrella.id);
    expect(match).toMatchObject({ status: 'linked', method: 'manual', verification: 'agent' });
    expect((await a.next('customer.match')).match.customer?.company).toBe('Umbrella');
    await Promise.all([a.close(), v.close()]);

    const w = await visitor(h, undefined);
    w.send({ type: 'chat.start', prechat: { email: 'old@example.com' } });
    const second = await w.next('conversation.update');
    expect((await h.node.store.getConversation(second.conversation.id))?.customer.status).toBe('none');
    await w.close();
  });
});

describe('identity token claims, on the server clock', () => {
  const sub = 'cus_1';

  it('refuses a token living longer than the widget allows (24 h by default), and accepts one at the limit', async () => {
    const now = nowSeconds();
    expect(await outcome(() => token({ sub, iat: now, exp: now + 100 * 365 * 86_400 }))).toMatch(
      /lives too long.*at most 86400 s/,
    );
    expect(await outcome(() => token({ sub, iat: now, exp: now + 86_401 }))).toMatch(/lives too long/);
    expect(await outcome(() => token({ sub, iat: now, exp: now + 86_400 }))).toBe('accepted');
  });

  it("uses the widget's own maximum lifetime", async () => {
    await h.node.services.widgets.update(h.demoWidgetId, { identityMaxLifetimeSeconds: 300 });
    const now = nowSeconds();
    expect(await outcome(() => token({ sub, iat: now, exp: now + 301 }))).toMatch(/at most 300 s/);
    expect(await outcome(() => token({ sub, iat: now, exp: now + 300 }))).toBe('accepted');
  });

  it('refuses a token issued in the future beyond 60 s of skew, and accepts one within it', async () => {
    const now = nowSeconds();
    expect(await outcome(() => token({ sub, iat: now + 61, exp: now + 600 }))).toMatch(
      /issued in the future/,
    );
    expect(await outcome(() => token({ sub, iat: now + 60, exp: now + 600 }))).toBe('accepted');
  });

  it('honours nbf: refused before it, accepted once the clock reaches it', async () => {
    const now = nowSeconds();
    const early = await token({ sub, iat: now, nbf: now + 120, exp: now + 600 });
    expect(await outcome(async () => early)).toMatch(/not valid yet/);
    await h.clock.advance(120_000);
    expect(await outcome(async () => early)).toBe('accepted');
  });

  it('refuses an expired token with a precise message', async () => {
    const now = nowSeconds();
    const soon = await token({ sub, iat: now, exp: now + 30 });
    expect(await outcome(async () => soon)).toBe('accepted');
    await h.clock.advance(31_000);
    expect(await outcome(async () => soon)).toMatch(/expired/);
  });

  it("requires aud to name the widget's audience when one is set", async () => {
    expect(await outcome(() => token({ sub }))).toBe('accepted');
    await h.node.services.widgets.update(h.demoWidgetId, { identityAudience: 'https://shop.example/chat' });
    expect(await outcome(() => token({ sub }))).toMatch(/aud/);
    expect(await outcome(() => token({ sub, aud: 'https://other.example' }))).toMatch(/aud does not name/);
    expect(await outcome(() => token({ sub, aud: 'https://shop.example/chat' }))).toBe('accepted');
  });
});
