import { type Kysely, Migrator } from 'kysely';
import { expect } from 'vitest';
import type { ConversationRow } from '../../../ports/store.ts';
import { conversation, t0, visitor, widget } from '../../../ports/store-contract/fixtures.ts';
import { conversationToRow, offerToRow, visitorToRow, widgetToRow } from '../mappers.ts';
import { inCodeMigrationProvider, migrateToLatest } from '../migrations.ts';
import { SqlConversations } from '../queries/conversations.ts';
import { SqlOffers } from '../queries/offers.ts';
import type { Database } from '../schema.ts';

/**
 * Migration 0012 on a database written before it, where a visitor could have several open conversations: the
 * visitor keeps the one an agent has (else the newest), the others end (and their pending offers are withdrawn),
 * then the index holds. Run by each adapter's tests on an empty database of its dialect.
 */
export async function checkOneOpenConversationMigration(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: inCodeMigrationProvider });
  const before = await migrator.migrateTo('0011_agent_read_marks');
  expect(before.error).toBeUndefined();
  await db.insertInto('queues').values({ id: 'que_1', name: 'Support' }).execute();
  // The widget as it was at 0011: without the identity columns that 0016 adds, the invitation look of 0017, the
  // URL parameter deny-list of 0019, nor the settings of 0020, 0024, 0025 and 0031.
  const {
    identity_audience: _audience,
    identity_max_lifetime_seconds: _lifetime,
    invitation_look: _look,
    prechat_creates_customers: _creates,
    invite_only_when_answerable: _answerable,
    url_param_deny_list: _denyList,
    sneak_peek: _sneakPeek,
    file_types: _fileTypes,
    file_max_bytes: _fileMaxBytes,
    smart_invitations: _smart,
    ...widgetAt0011
  } = widgetToRow(widget());
  await db
    .insertInto('widgets')
    .values(widgetAt0011 as never)
    .execute();
  for (const id of ['vis_1', 'vis_2', 'vis_3', 'vis_4']) {
    await db
      .insertInto('visitors')
      .values(visitorToRow(visitor({ id })))
      .execute();
  }
  const rows: ConversationRow[] = [
    // vis_1: two waiting and the one an agent took.
    conversation({ id: 'cnv_a', createdAt: t0 }),
    conversation({ id: 'cnv_b', createdAt: t0 + 1 }),
    conversation({ id: 'cnv_c', createdAt: t0 + 2, status: 'active', agentId: 'usr_1', acceptedAt: t0 + 5 }),
    // vis_2: two waiting, the older one offered.
    conversation({ id: 'cnv_d', visitorId: 'vis_2', createdAt: t0 }),
    conversation({ id: 'cnv_e', visitorId: 'vis_2', createdAt: t0 + 1 }),
    // vis_3: one open and one ended: nothing to do.
    conversation({ id: 'cnv_f', visitorId: 'vis_3', createdAt: t0 }),
    conversation({ id: 'cnv_g', visitorId: 'vis_3', createdAt: t0 - 10, status: 'ended', endedAt: t0 - 5 }),
    // vis_4: two active ones.
    conversation({
      id: 'cnv_h',
      visitorId: 'vis_4',
      createdAt: t0,
      status: 'active',
      agentId: 'usr_1',
      acceptedAt: t0 + 3,
    }),
    conversation({
      id: 'cnv_i',
      visitorId: 'vis_4',
      createdAt: t0 + 1,
      status: 'active',
      agentId: 'usr_2',
      acceptedAt: t0 + 4,
    }),
  ];
  for (const row of rows) await db.insertInto('conversations').values(conversationToRow(row)).execute();
  const pending = {
    id: 'ofr_d',
    conversationId: 'cnv_d',
    agentId: 'usr_1',
    createdAt: t0 + 1,
    expiresAt: t0 + 9,
  };
  await db
    .insertInto('offers')
    .values(offerToRow({ ...pending, status: 'pending' }))
    .execute();

  await migrateToLatest(db);

  const conversations = new SqlConversations(db);
  const statuses = async (ids: string[]) =>
    Promise.all(ids.map(async (id) => (await conversations.getConversation(id))?.status));
  expect(await statuses(['cnv_a', 'cnv_b', 'cnv_c'])).toEqual(['ended', 'ended', 'active']);
  expect(await statuses(['cnv_d', 'cnv_e'])).toEqual(['ended', 'waiting']);
  expect(await statuses(['cnv_f', 'cnv_g'])).toEqual(['waiting', 'ended']);
  expect(await statuses(['cnv_h', 'cnv_i'])).toEqual(['ended', 'active']);
  // Ended when they started (or were accepted): no handling time is invented.
  expect((await conversations.getConversation('cnv_b'))?.endedAt).toBe(t0 + 1);
  expect((await conversations.getConversation('cnv_h'))?.endedAt).toBe(t0 + 3);
  expect((await conversations.getConversation('cnv_g'))?.endedAt).toBe(t0 - 5);
  expect((await new SqlOffers(db).getOffer('ofr_d'))?.status).toBe('withdrawn');
  // The index holds from now on.
  const another = conversation({ id: 'cnv_new', visitorId: 'vis_3', createdAt: t0 + 9 });
  expect((await conversations.createConversation(another)).id).toBe('cnv_f');
}
