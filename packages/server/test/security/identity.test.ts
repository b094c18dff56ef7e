import { login } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type Harness, password, startHarness, visitor } from '../harness.ts';

const alice = {
  email: 'alice@example.com',
  name: 'Alice Martin',
  phone: '+33 6 12 34 56 78',
  company: 'Acme',
};

/**
 * Anyone can type a customer's e-mail into the pre-chat survey. The match it makes is unverified: nothing the
 * agent receives (offer, conversation detail, agent frames) may carry the record's phone, company or name until
 * the agent links the record explicitly.
 */
describe('pre-chat answers do not reveal a customer record', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("a visitor typing a customer's e-mail does not make the agent see their phone and company", async () => {
    const a = await agent(h);
    const v = await visitor(h);
    v.send({ type: 'chat.start', prechat: { email: alice.email } });
    const { conversation } = await v.next('conversation.update');
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    const opened = await a.next('conversation.opened');

    expect(opened.conversation.customer).toMatchObject({ status: 'linked', verification: 'unverified' });
    expect(opened.conversation.customer.customer).toEqual({
      id: expect.any(String),
      name: '',
      email: alice.email,
      active: true,
    });
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const detail = await (
      await fetch(`${h.url}/v1/conversations/${conversation.id}`, { headers: { cookie } })
    ).text();
    const everything = JSON.stringify(a.frames) + detail;
    for (const secret of [alice.phone, alice.company, alice.name]) expect(everything).not.toContain(secret);

    // The agent links the record on purpose: now, and only now, its details travel.
    const linked = await fetch(`${h.url}/v1/conversations/${conversation.id}/customer`, {
      method: 'POST',
      headers: { cookie, origin: h.url, 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: opened.conversation.customer.customer?.id }),
    });
    expect(linked.status).toBe(200);
    const { match } = await a.next('customer.match');
    expect(match).toMatchObject({ status: 'linked', method: 'manual', verification: 'agent' });
    expect(match.customer).toMatchObject({ phone: alice.phone, company: alice.company, name: alice.name });
    await Promise.all([a.close(), v.close()]);
  });
});
