import type { CreateUserBody, UserAdmin } from '@beckon/protocol';
import { fail } from '../domain/errors.ts';
import type { Services } from '../domain/services.ts';
import type { UserRow } from '../ports/store.ts';

function toUserAdmin(row: UserRow): UserAdmin {
  return { id: row.id, name: row.name, email: row.email, role: row.role, capacity: row.capacity };
}

/** Accounts as admins manage them: creating accounts (with capacity and queues), each agent's routing capacity. */
export class UserAdministration {
  constructor(private readonly s: Services) {}

  async list(): Promise<UserAdmin[]> {
    return (await this.s.store.listUsers()).map(toUserAdmin);
  }

  async setCapacity(id: string, capacity: number): Promise<UserAdmin> {
    return toUserAdmin(await this.s.routing.setCapacity(id, capacity));
  }

  async create(body: CreateUserBody): Promise<UserAdmin> {
    const { s } = this;
    const queueIds = [...new Set(body.queueIds ?? [])];
    const known = new Set((await s.store.listQueues()).map((queue) => queue.id));
    const missing = queueIds.filter((queueId) => !known.has(queueId));
    if (missing.length > 0) fail('NOT_FOUND', `No queue ${missing.join(', ')}.`);
    const taken = async () => (await s.store.findUserByEmail(body.email.toLowerCase())) !== undefined;
    if (await taken()) fail('CONFLICT', 'An account with this email already exists.');
    const { capacity, queueIds: _queues, ...account } = body;
    let row = await s.accounts.createUser(account).catch(async (error: unknown) => {
      // Two requests for one email at once: the unique index lets one through.
      if (await taken()) fail('CONFLICT', 'An account with this email already exists.');
      throw error;
    });
    for (const queueId of queueIds) await s.store.addQueueMember(queueId, row.id);
    if (capacity !== undefined) row = await s.routing.setCapacity(row.id, capacity);
    return toUserAdmin(row);
  }
}
