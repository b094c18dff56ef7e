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

async function token(claims: { sub?: string; exp?: number; iss?: string }, key = secret) {
  const now = Math.floor(h.clock.now() / 1000);
  let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now);
  if (claims.sub) jwt = jwt.setSubject(claims.sub);
  jwt = jwt.setIssuer(claims.iss ?? 'https://shop.example').setExpirationTime(claims.exp ?? now + 600);
  return jwt.sign(new TextEncoder().encode(key));
}

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
      customer: { name: 'Alice Martin' },
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
    const match = await h.node.services.identity.link(
      conversation.id,
      stored!.customer.candidates.find((c) => c.company === 'Umbrella')!.id,
    );
    expect(match).toMatchObject({ status: 'linked', method: 'manual' });
    expect((await a.next('customer.match')).match.customer?.company).toBe('Umbrella');
    await Promise.all([a.close(), v.close()]);

    const w = await visitor(h, undefined);
    w.send({ type: 'chat.start', prechat: { email: 'old@example.com' } });
    const second = await w.next('conversation.update');
    expect((await h.node.store.getConversation(second.conversation.id))?.customer.status).toBe('none');
    await w.close();
  });
});
