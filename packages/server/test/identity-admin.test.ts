import type { CustomerImportResult, CustomerMatch } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('customer import from CSV', () => {
  it('imports valid rows and reports the others by line; only admins may import', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const csv = [
      'Name,Email,Phone,Company,External ID,Active',
      'Zoe Quinn,zoe@example.com,+33 1 23,"Quinn, Ltd",ext-1,yes',
      ',nobody@example.com,,,,',
      'Bad Mail,not-an-email,,,,',
      'Again Zoe,zoe@example.com,,,,',
      '"Yann ""Y"" Le Goff",,,,ext-2,no',
    ].join('\n');
    const answer = await api<CustomerImportResult>(h, admin, 'POST', '/v1/customers/import', { csv });
    expect(answer.status).toBe(200);
    expect(answer.body.imported).toBe(2);
    expect(answer.body.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(answer.body.errors[0]?.message).toMatch(/^name/);
    expect(answer.body.errors[2]?.message).toMatch(/exists already/);
    const zoe = (await h.node.store.findActiveCustomers('email', 'zoe@example.com'))[0];
    expect(zoe).toMatchObject({
      name: 'Zoe Quinn',
      company: 'Quinn, Ltd',
      externalId: 'ext-1',
      active: true,
    });
    const yann = await h.node.store.searchCustomers('Yann', 5);
    expect(yann[0]).toMatchObject({ name: 'Yann "Y" Le Goff', active: false });

    expect(
      (await api(h, admin, 'POST', '/v1/customers/import', { csv: 'email\nx@example.com' })).status,
    ).toBe(400);
    expect((await api(h, admin, 'POST', '/v1/customers/import', { csv: 'name\n"unclosed' })).status).toBe(
      400,
    );
    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, agentCookie, 'POST', '/v1/customers/import', { csv })).status).toBe(403);
  });
});

describe('unlinking a customer', () => {
  it('the agent removes a link; the conversation then has no customer', async () => {
    const a = await agent(h);
    const v = await visitor(h);
    v.send({ type: 'chat.start', prechat: { email: 'alice@example.com' } });
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    const opened = await a.next('conversation.opened');
    expect(opened.conversation.customer.status).toBe('linked');
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const answer = await api<CustomerMatch>(
      h,
      cookie,
      'DELETE',
      `/v1/conversations/${offer.conversationId}/customer`,
    );
    expect(answer.body).toEqual({ status: 'none', candidates: [] });
    expect((await a.next('customer.match')).match.status).toBe('none');
    expect((await h.node.store.getConversation(offer.conversationId))?.customer.status).toBe('none');
    // Someone else's conversation cannot be unlinked.
    const other = await login(h.url, 'agent2@beckon.local', password);
    expect(
      (await api(h, other, 'DELETE', `/v1/conversations/${offer.conversationId}/customer`)).body.error?.code,
    ).toBe('CONVERSATION_NOT_FOUND');
    await Promise.all([a.close(), v.close()]);
  });
});
