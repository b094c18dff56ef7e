import type { CreateUserBody, Role, TwoFactorPolicy, UserAdmin } from '@beckon/protocol';
import { fail } from '../domain/errors.ts';
import type { Services } from '../domain/services.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { UserRow } from '../ports/store.ts';

function toUserAdmin(row: UserRow): UserAdmin {
  const admin: UserAdmin = {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    capacity: row.capacity,
    status: row.status === 'disabled' ? 'disabled' : 'active',
    passwordChangeRequired: row.passwordChangeRequired === true,
    twoFactor: row.totpSecret !== undefined,
  };
  if (row.lastSignInAt !== undefined) admin.lastSignInAt = row.lastSignInAt;
  return admin;
}

/**
 * Accounts as admins manage them: creating accounts (with capacity and queues), each agent's routing capacity,
 * and locking people out — disabling, deleting, changing role, resetting the password — each of which ends the
 * user's sessions and closes their sockets on every node. No change may leave the installation without an
 * active admin. Every change is recorded in the audit trail with the acting admin.
 */
export class UserAdministration {
  constructor(
    private readonly s: Services,
    private readonly audit: AuditTrail,
  ) {}

  async list(): Promise<UserAdmin[]> {
    return (await this.s.store.listUsers()).filter((row) => row.status !== 'deleted').map(toUserAdmin);
  }

  async setCapacity(id: string, capacity: number): Promise<UserAdmin> {
    await this.user(id);
    return toUserAdmin(await this.s.routing.setCapacity(id, capacity));
  }

  async create(actorId: string, body: CreateUserBody): Promise<UserAdmin> {
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
    await this.record(actorId, 'user.created', row.id, { role: row.role });
    return toUserAdmin(row);
  }

  /** A disabled account cannot sign in; its sessions end and it goes offline (pending offers go elsewhere). */
  async setStatus(actorId: string, id: string, status: 'active' | 'disabled'): Promise<UserAdmin> {
    const row = await this.user(id);
    if (status === 'disabled' && row.status === 'active') await this.keepAnAdmin(row);
    await this.s.store.updateUser(id, { status });
    if (status === 'disabled') await this.lockOut(row);
    await this.record(actorId, status === 'disabled' ? 'user.disabled' : 'user.enabled', id);
    return toUserAdmin(await this.user(id));
  }

  async setRole(actorId: string, id: string, role: Role): Promise<UserAdmin> {
    const row = await this.user(id);
    if (row.role === role) return toUserAdmin(row);
    if (row.role === 'admin' && row.status === 'active') await this.keepAnAdmin(row);
    await this.s.store.updateUser(id, { role });
    // Sockets and sessions carry the role they were opened with: the user signs in again under the new one.
    await this.s.accounts.endSessions(id);
    await this.record(actorId, 'user.role_changed', id, { from: row.role, to: role });
    return toUserAdmin(await this.user(id));
  }

  async resetPassword(actorId: string, id: string, temporaryPassword: string): Promise<UserAdmin> {
    await this.user(id);
    await this.s.accounts.setTemporaryPassword(id, temporaryPassword);
    await this.record(actorId, 'user.password_reset', id);
    return toUserAdmin(await this.user(id));
  }

  /**
   * The reset command's change (`npm run reset-password`): whoever can run it owns the node, so the password is
   * set as given (not temporary), every session ends, and the audit trail records it with no acting user.
   */
  async setPasswordByEmail(email: string, password: string): Promise<UserAdmin> {
    const row = await this.s.store.findUserByEmail(email.toLowerCase());
    if (!row || row.status === 'deleted') fail('NOT_FOUND', `No account ${email}.`);
    await this.s.accounts.setPassword(row.id, password);
    await this.audit.record({
      actorId: null,
      action: 'user.password_reset',
      targetType: 'user',
      targetId: row.id,
      details: { via: 'command line' },
    });
    return toUserAdmin(await this.user(row.id));
  }

  /**
   * Deletes the account: it can no longer sign in, its name and email are removed (the row stays, so the
   * conversations and offers naming it still resolve), it leaves every queue, and the messages it wrote keep
   * their text under a "Former agent" placeholder.
   */
  async delete(actorId: string, id: string): Promise<void> {
    const { s } = this;
    const row = await this.user(id);
    if (row.status === 'active') await this.keepAnAdmin(row);
    await s.store.anonymiseAgentMessages(id, row.name);
    await s.store.updateUser(id, {
      status: 'deleted',
      name: '',
      email: `deleted-${id}@beckon.invalid`,
      passwordHash: '',
    });
    for (const queue of await s.store.listQueues()) {
      const members = await s.store.listQueueMembers(queue.id);
      if (members.includes(id))
        await s.store.setQueueMembers(
          queue.id,
          members.filter((member) => member !== id),
        );
    }
    await this.lockOut(row);
    await this.record(actorId, 'user.deleted', id);
  }

  async twoFactorPolicy(): Promise<TwoFactorPolicy> {
    return { roles: await this.s.store.twoFactorRoles() };
  }

  /** Users of these roles who have not enrolled are made to at their next request (sign-in included). */
  async setTwoFactorPolicy(actorId: string, policy: TwoFactorPolicy): Promise<TwoFactorPolicy> {
    await this.s.store.setTwoFactorRoles(policy.roles);
    await this.audit.record({
      actorId,
      action: 'settings.two_factor_policy_changed',
      targetType: 'settings',
      targetId: null,
      details: { roles: policy.roles },
    });
    return this.twoFactorPolicy();
  }

  private async lockOut(row: UserRow): Promise<void> {
    await this.s.accounts.endSessions(row.id);
    await this.s.routing.agentUnreachable(row.id);
  }

  /** Fails when `row` is the last active admin. */
  private async keepAnAdmin(row: UserRow): Promise<void> {
    if (row.role !== 'admin') return;
    if ((await this.s.store.countActiveUsers('admin')) <= 1)
      fail('LAST_ADMIN', 'This is the last active admin: make another user admin first.');
  }

  private async user(id: string): Promise<UserRow> {
    const row = await this.s.store.getUser(id);
    if (!row || row.status === 'deleted') fail('NOT_FOUND', `No user ${id}.`);
    return row;
  }

  private record(actorId: string, action: string, targetId: string, details?: Record<string, unknown>) {
    return this.audit.record({ actorId, action, targetType: 'user', targetId, details });
  }
}
