import type { Role } from '@beckon/protocol';
import type {
  AccountStore,
  SessionRow,
  SignInChallengeRow,
  UserChange,
  UserIdentityRow,
  UserRow,
} from '../../../ports/store.ts';
import { sessionFromRow, sessionToRow, toNumber, userFromRow, userToRow } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Users and sessions. Plain Kysely, no dialect-only syntax, as every module here. */
export class SqlAccounts implements AccountStore {
  constructor(private readonly db: Db) {}

  async createUser(user: UserRow): Promise<void> {
    await this.db.insertInto('users').values(userToRow(user)).execute();
  }

  async getUser(id: string): Promise<UserRow | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && userFromRow(row);
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row && userFromRow(row);
  }

  async listUsers(): Promise<UserRow[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(userFromRow);
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    return toNumber(row.count);
  }

  async setUserCapacity(id: string, capacity: number): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ capacity })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async createSession(session: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(sessionToRow(session)).execute();
  }

  async getSession(id: string): Promise<SessionRow | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && sessionFromRow(row);
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async updateUser(id: string, change: UserChange): Promise<boolean> {
    const set: Record<string, string | number | null> = {};
    if (change.name !== undefined) set.name = change.name;
    if (change.email !== undefined) set.email = change.email.toLowerCase();
    if (change.role !== undefined) set.role = change.role;
    if (change.status !== undefined) set.status = change.status;
    if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
    if (change.passwordChangeRequired !== undefined)
      set.password_change_required = change.passwordChangeRequired ? 1 : 0;
    if (change.lastSignInAt !== undefined) set.last_sign_in_at = change.lastSignInAt;
    const nulls: Record<string, null> = {};
    if (change.totpSecret !== undefined) {
      if (change.totpSecret === null) nulls.totp_secret = null;
      else set.totp_secret = change.totpSecret;
    }
    if (change.totpPendingSecret !== undefined) {
      if (change.totpPendingSecret === null) nulls.totp_pending_secret = null;
      else set.totp_pending_secret = change.totpPendingSecret;
    }
    Object.assign(set, nulls);
    if (Object.keys(set).length === 0) return (await this.getUser(id)) !== undefined;
    const result = await this.db.updateTable('users').set(set).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async countActiveUsers(role: Role): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('role', '=', role)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return toNumber(row.count);
  }

  async deleteUserSessions(userId: string, exceptId?: string): Promise<string[]> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    const rows = await query.returning('id').execute();
    return rows.map((row) => row.id);
  }

  async anonymiseAgentMessages(userId: string, name: string): Promise<void> {
    const held = this.db.selectFrom('conversations').select('id').where('agent_id', '=', userId);
    const offered = this.db
      .selectFrom('offers')
      .select('conversation_id as id')
      .where('agent_id', '=', userId);
    await this.db
      .updateTable('messages')
      .set({ author_name: null })
      .where('author', '=', 'agent')
      .where('author_name', '=', name)
      .where((eb) => eb.or([eb('conversation_id', 'in', held), eb('conversation_id', 'in', offered)]))
      .execute();
  }

  async replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      if (hashes.length > 0)
        await trx
          .insertInto('recovery_codes')
          .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
          .execute();
    });
  }

  async useRecoveryCode(userId: string, hash: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('recovery_codes')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async countUnusedRecoveryCodes(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return toNumber(row.count);
  }

  async createSignInChallenge(challenge: SignInChallengeRow): Promise<void> {
    await this.db
      .insertInto('sign_in_challenges')
      .values({ id: challenge.id, user_id: challenge.userId, expires_at: challenge.expiresAt })
      .execute();
  }

  async attemptSignInChallenge(
    id: string,
    now: number,
    maxAttempts: number,
  ): Promise<SignInChallengeRow | undefined> {
    const row = await this.db
      .updateTable('sign_in_challenges')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('expires_at', '>', now)
      .where('attempts', '<', maxAttempts)
      .returning(['id', 'user_id', 'expires_at'])
      .executeTakeFirst();
    return row && { id: row.id, userId: row.user_id, expiresAt: toNumber(row.expires_at) };
  }

  async deleteSignInChallenge(id: string): Promise<void> {
    await this.db.deleteFrom('sign_in_challenges').where('id', '=', id).execute();
  }

  async findUserByIdentity(issuer: string, subject: string): Promise<UserRow | undefined> {
    const row = await this.db
      .selectFrom('user_identities')
      .innerJoin('users', 'users.id', 'user_identities.user_id')
      .selectAll('users')
      .where('user_identities.issuer', '=', issuer)
      .where('user_identities.subject', '=', subject)
      .executeTakeFirst();
    return row && userFromRow(row);
  }

  async linkUserIdentity(identity: UserIdentityRow): Promise<boolean> {
    const result = await this.db
      .insertInto('user_identities')
      .values({
        issuer: identity.issuer,
        subject: identity.subject,
        user_id: identity.userId,
        linked_at: identity.linkedAt,
      })
      .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async twoFactorRoles(): Promise<Role[]> {
    const rows = await this.db.selectFrom('two_factor_roles').select('role').orderBy('role').execute();
    return rows.map((row) => row.role as Role);
  }

  async setTwoFactorRoles(roles: Role[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('two_factor_roles').execute();
      if (roles.length > 0)
        await trx
          .insertInto('two_factor_roles')
          .values([...new Set(roles)].map((role) => ({ role })))
          .execute();
    });
  }
}
