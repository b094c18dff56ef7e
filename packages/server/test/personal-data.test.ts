import path from 'node:path';
import {
  type AuditListResponse,
  closeCodes,
  type ErasureResult,
  type PersonalDataExport,
  personalDataExportSchema,
} from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subjectDigest } from '../src/application/personal-data.ts';
import { person, seedPersonHistory } from '../src/ports/store-contract/personal-data-history.ts';
import { api } from './api.ts';
import { type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await seedPersonHistory(h.node.store);
});
afterEach(async () => {
  await h.close();
});

/** Every identifier and value of the seeded person: none may be left in any column of any table. */
const needles = [
  person.customerId,
  ...person.visitorIds,
  person.conversationId,
  person.invitationId,
  person.email,
  person.name,
  person.phone,
  person.messageText,
  person.pageUrl,
];

/** Each table of the SQLite file, found in its schema (not a hand list), and the cells that hold a needle. */
function leftovers(dataDir: string): { tables: string[]; found: string[] } {
  const db = new BetterSqlite3(path.join(dataDir, 'beckon.sqlite'), { readonly: true });
  try {
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    const found: string[] = [];
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).all() as Record<
        string,
        unknown
      >[]) {
        for (const [column, value] of Object.entries(row)) {
          const text = String(value);
          for (const needle of needles)
            if (text.includes(needle)) found.push(`${table}.${column}: ${needle}`);
        }
      }
    }
    return { tables, found };
  } finally {
    db.close();
  }
}

describe('personal data requests', () => {
  it('exports everything held about a customer as JSON, for admins only, and audits it', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const { status, body } = await api<PersonalDataExport>(
      h,
      admin,
      'GET',
      `/v1/customers/${person.customerId}/export`,
    );
    expect(status).toBe(200);
    const data = personalDataExportSchema.parse(body);
    expect(data.subject).toEqual({ type: 'customer', id: person.customerId });
    expect(data.customer).toMatchObject({ email: person.email, name: person.name, phone: person.phone });
    expect(data.visitors.map((v) => v.id)).toEqual(person.visitorIds);
    expect(data.identityLinks).toEqual(
      person.visitorIds.map((visitorId) => ({ visitorId, customerId: person.customerId })),
    );
    expect(data.pageViews.map((v) => v.url)).toContain(person.pageUrl);
    expect(data.events.map((e) => e.name)).toEqual(['cart_added']);
    expect(data.invitations.map((i) => i.id)).toEqual([person.invitationId]);
    const own = data.conversations.find((c) => c.id === person.conversationId) as {
      messages: { text: string }[];
    };
    expect(own.messages.map((m) => m.text)).toEqual([person.messageText, `Thanks ${person.name}`]);
    expect(data.surveys).toHaveLength(1);
    expect(data.wrapUps).toHaveLength(1);

    const visitorExport = await api<PersonalDataExport>(
      h,
      admin,
      'GET',
      `/v1/visitors/${person.visitorIds[1]}/export`,
    );
    expect(visitorExport.body.pageViews.map((v) => v.id)).toEqual(['pv_erase_2']);
    expect(visitorExport.body.customer).toBeNull();

    const audit = await api<AuditListResponse>(h, admin, 'GET', '/v1/audit?action=customer.exported');
    expect(audit.body.entries.map((e) => e.targetId)).toEqual([
      subjectDigest({ type: 'customer', id: person.customerId }),
    ]);

    const agent = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, agent, 'GET', `/v1/customers/${person.customerId}/export`)).status).toBe(403);
    expect((await api(h, admin, 'GET', '/v1/customers/cus_nobody/export')).status).toBe(404);
  });

  it('erases a customer from every column of every table, keeping other people', async () => {
    const before = leftovers(h.dataDir!);
    expect(before.tables.length).toBeGreaterThan(20);
    // The scan can fail: before erasure it finds the person in many tables.
    expect(new Set(before.found.map((f) => f.split('.')[0]))).toEqual(
      new Set([
        'customers',
        'visitors',
        'page_views',
        'visit_events',
        'invitations',
        'conversations',
        'messages',
        'receipts',
        'offers',
        'wrap_ups',
        'chat_surveys',
        'visitor_connections',
      ]),
    );

    const admin = await login(h.url, 'admin@beckon.local', password);
    const agent = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, agent, 'DELETE', `/v1/customers/${person.customerId}`)).status).toBe(403);
    const erased = await api<ErasureResult>(h, admin, 'DELETE', `/v1/customers/${person.customerId}`);
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toMatchObject({
      customers: 1,
      visitors: 2,
      conversations: 1,
      matchesCleared: 1,
    });

    expect(leftovers(h.dataDir!).found).toEqual([]);
    expect(await h.node.store.getVisitor('vis_other')).toBeDefined();
    expect((await h.node.store.getConversation('cnv_other'))?.customer.status).toBe('none');
    const audit = await api<AuditListResponse>(h, admin, 'GET', '/v1/audit?action=customer.erased');
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]!.details).toMatchObject({ customers: 1, visitors: 2 });
    expect((await api(h, admin, 'DELETE', `/v1/customers/${person.customerId}`)).status).toBe(404);
  });

  it('erases one visitor', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const erased = await api<ErasureResult>(h, admin, 'DELETE', `/v1/visitors/${person.visitorIds[1]}`);
    expect(erased.body.erased).toMatchObject({ customers: 0, visitors: 1, pageViews: 1, conversations: 0 });
    expect(await h.node.store.getVisitor(person.visitorIds[1]!)).toBeUndefined();
    expect(await h.node.store.getCustomer(person.customerId)).toBeDefined();
  });

  it("closes the erased visitor's open socket with the erased close code, and no one else's", async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const gone = await visitor(h);
    const goneId = gone.all('welcome')[0]!.visitorId;
    const other = await visitor(h);
    const erased = await api<ErasureResult>(h, admin, 'DELETE', `/v1/visitors/${goneId}`);
    expect(erased.status).toBe(200);
    expect((await gone.closed).code).toBe(closeCodes.erased);
    other.send({ type: 'ping' });
    await other.next('pong');
    expect(other.isOpen).toBe(true);
    await other.close();
    // Coming back with the erased id and secret names nobody: a new visitor is made.
    const again = await visitor(h, undefined, { visitorId: goneId });
    expect(again.all('welcome')[0]!.visitorId).not.toBe(goneId);
    await again.close();
  });
});
