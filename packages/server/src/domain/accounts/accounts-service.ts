import { createHash, randomBytes } from 'node:crypto';
import { defaultAgentCapacity, type Role, type User } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { SessionRow, Store, UserRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { TwoFactor } from './two-factor.ts';

const sessionLifetimeMs = 12 * 60 * 60 * 1000;
/** How long a right password waits for its second factor, and how many codes it may try. */
const challengeLifetimeMs = 5 * 60 * 1000;
const challengeAttempts = 5;
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
  /** The user's role must use two-factor sign-in and they have not enrolled yet. */
  twoFactorEnrolmentRequired: boolean;
}

/** A new session, or the password was right and a code is needed next. */
export type SignInStep =
  | {
      step: 'signed-in';
      token: string;
      user: User;
      expiresAt: number;
      passwordChangeRequired: boolean;
    }
  | { step: 'two-factor'; challenge: string };

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
  ) {
    this.twoFactor = new TwoFactor(store, clock);
  }

  readonly twoFactor: TwoFactor;

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

  /**
   * Returns the session token to put in the cookie, or, for an account with two-factor sign-in, a challenge to
   * answer with a code. A disabled or deleted account fails like a wrong password, and nothing about the
   * second factor shows before the password is right.
   */
  async login(email: string, password: string): Promise<SignInStep> {
    const row = await this.store.findUserByEmail(email.toLowerCase());
    if (!row) {
      decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await decoyHash, password);
      fail('INVALID_CREDENTIALS', 'Email or password is wrong.');
    }
    const right = await verifyPassword(row.passwordHash, password);
    if (!right || row.status !== 'active') fail('INVALID_CREDENTIALS', 'Email or password is wrong.');
    if (row.totpSecret) {
      const challenge = randomBytes(32).toString('base64url');
      await this.store.createSignInChallenge({
        id: tokenId(challenge),
        userId: row.id,
        expiresAt: this.clock.now() + challengeLifetimeMs,
      });
      return { step: 'two-factor', challenge };
    }
    return this.startSession(row);
  }

  /** The second step: a code from the authenticator app or a recovery code, for a challenge from `login`. */
  async completeTwoFactor(challenge: string, code: string): Promise<SignInStep> {
    const id = tokenId(challenge);
    const pending = await this.store.attemptSignInChallenge(id, this.clock.now(), challengeAttempts);
    if (!pending) fail('INVALID_TWO_FACTOR_CODE', 'This sign-in has expired: enter your password again.');
    const row = await this.store.getUser(pending.userId);
    if (row?.status !== 'active' || !(await this.twoFactor.verify(row, code)))
      fail('INVALID_TWO_FACTOR_CODE', 'This code is wrong or expired.');
    await this.store.deleteSignInChallenge(id);
    return this.startSession(row);
  }

  /**
   * A session for a user someone else authenticated (the identity provider, for single sign-on): no password,
   * no second factor here. Only an active account gets one.
   */
  async startVerifiedSession(row: UserRow): Promise<SignInStep & { step: 'signed-in' }> {
    if (row.status !== 'active') fail('SSO_FAILED', 'This account is disabled.');
    return this.startSession(row);
  }

  private async startSession(row: UserRow): Promise<SignInStep & { step: 'signed-in' }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = now + sessionLifetimeMs;
    await this.store.createSession({ id: tokenId(token), userId: row.id, createdAt: now, expiresAt });
    await this.store.updateUser(row.id, { lastSignInAt: now });
    return {
      step: 'signed-in',
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
    if (user?.status !== 'active') return undefined;
    const twoFactorEnrolmentRequired =
      !user.totpSecret && (await this.store.twoFactorRoles()).includes(user.role);
    return { user, session, twoFactorEnrolmentRequired };
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

  /** A password set by whoever runs the node (the reset command): kept as is; every session ends. */
  async setPassword(userId: string, password: string): Promise<void> {
    await this.store.updateUser(userId, {
      passwordHash: await hashPassword(password),
      passwordChangeRequired: false,
    });
    await this.endSessions(userId);
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
