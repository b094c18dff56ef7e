import { createHash, randomBytes } from 'node:crypto';
import { defaultAgentCapacity, type Role, type User } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { SessionRow, Store, UserRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const sessionLifetimeMs = 12 * 60 * 60 * 1000;
/** Verified against when the email is unknown, so a wrong email costs as much time as a wrong password. */
let decoyHash: Promise<string> | undefined;

function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toUser(row: UserRow): User {
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

/** A signed-in user and the session their cookie names. */
export interface SignedIn {
  user: UserRow;
  session: SessionRow;
}

/**
 * Sign-in, sessions and passwords. Only active accounts sign in or stay signed in; every way a session ends
 * (sign-out, a locked account, a password change) is announced through the bus so each node closes the agent
 * sockets opened with it.
 */
export class AccountsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly fanout: Pick<Fanout, 'sessionsEnded'>,
  ) {}

  async createUser(input: { email: string; name: string; role: Role; password: string }): Promise<UserRow> {
    const row: UserRow = {
      id: this.ids.next('usr'),
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      capacity: defaultAgentCapacity,
      createdAt: this.clock.now(),
      status: 'active',
      passwordChangeRequired: false,
    };
    await this.store.createUser(row);
    return row;
  }

  /** Returns the session token to put in the cookie. A disabled or deleted account fails like a wrong password. */
  async login(
    email: string,
    password: string,
  ): Promise<{ token: string; user: User; expiresAt: number; passwordChangeRequired: boolean }> {
    const row = await this.store.findUserByEmail(email.toLowerCase());
    if (!row) {
      decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await decoyHash, password);
      fail('INVALID_CREDENTIALS', 'Email or password is wrong.');
    }
    const right = await verifyPassword(row.passwordHash, password);
    if (!right || row.status !== 'active') fail('INVALID_CREDENTIALS', 'Email or password is wrong.');
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = now + sessionLifetimeMs;
    await this.store.createSession({ id: tokenId(token), userId: row.id, createdAt: now, expiresAt });
    await this.store.updateUser(row.id, { lastSignInAt: now });
    return {
      token,
      user: toUser(row),
      expiresAt,
      passwordChangeRequired: row.passwordChangeRequired === true,
    };
  }

  async logout(token: string): Promise<void> {
    const id = tokenId(token);
    const session = await this.store.getSession(id);
    await this.store.deleteSession(id);
    if (session) await this.fanout.sessionsEnded({ userId: session.userId, sessionIds: [id] });
  }

  /** The user behind a session token, or undefined when the token is unknown, expired or the account inactive. */
  async authenticate(token: string | undefined): Promise<UserRow | undefined> {
    return (await this.signedIn(token))?.user;
  }

  async signedIn(token: string | undefined): Promise<SignedIn | undefined> {
    if (!token) return undefined;
    const session = await this.store.getSession(tokenId(token));
    if (!session || session.expiresAt <= this.clock.now()) return undefined;
    const user = await this.store.getUser(session.userId);
    if (!user || user.status !== 'active') return undefined;
    return { user, session };
  }

  /** Ends every session of the user but `exceptSessionId`, here and on every node. */
  async endSessions(userId: string, exceptSessionId?: string): Promise<void> {
    const sessionIds = await this.store.deleteUserSessions(userId, exceptSessionId);
    if (sessionIds.length > 0) await this.fanout.sessionsEnded({ userId, sessionIds });
  }

  /** The user's own change: the current password is required; their other sessions end. */
  async changePassword(signedIn: SignedIn, currentPassword: string, newPassword: string): Promise<void> {
    if (!(await verifyPassword(signedIn.user.passwordHash, currentPassword)))
      fail('WRONG_PASSWORD', 'The current password is wrong.');
    await this.store.updateUser(signedIn.user.id, {
      passwordHash: await hashPassword(newPassword),
      passwordChangeRequired: false,
    });
    await this.endSessions(signedIn.user.id, signedIn.session.id);
  }

  /** An admin's reset: a temporary password the user must change at their next sign-in; every session ends. */
  async setTemporaryPassword(userId: string, temporaryPassword: string): Promise<void> {
    await this.store.updateUser(userId, {
      passwordHash: await hashPassword(temporaryPassword),
      passwordChangeRequired: true,
    });
    await this.endSessions(userId);
  }
}
