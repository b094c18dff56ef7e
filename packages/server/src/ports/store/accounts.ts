import type { Role } from '@beckon/protocol';

/** Console users (admins, supervisors, agents), their sign-in sessions and single sign-on links. */

/** A deleted account keeps its row, anonymised, so the conversations and offers that name it still resolve. */
export type UserStatus = 'active' | 'disabled' | 'deleted';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  /** Most conversations (active plus pending offers) routing gives this agent at once. */
  capacity: number;
  createdAt: number;
  /** Absent on a new row: active. */
  status?: UserStatus;
  /** Set when an admin gave a temporary password; cleared when the user sets their own. */
  passwordChangeRequired?: boolean;
  lastSignInAt?: number;
  /** Base32 TOTP secret once two-factor sign-in is on (the server must read it to check codes). */
  totpSecret?: string;
  /** A secret shown for enrolment, until a code from it confirms it. */
  totpPendingSecret?: string;
}

/** A sign-in whose password was right, waiting for its second factor. */
export interface SignInChallengeRow {
  /** SHA-256 of the challenge token, hex. */
  id: string;
  userId: string;
  expiresAt: number;
}

export interface UserChange {
  name?: string;
  email?: string;
  role?: Role;
  status?: UserStatus;
  passwordHash?: string;
  passwordChangeRequired?: boolean;
  lastSignInAt?: number;
  /** null clears. */
  totpSecret?: string | null;
  totpPendingSecret?: string | null;
}

/** An identity provider's account linked to a user for single sign-on. */
export interface UserIdentityRow {
  issuer: string;
  /** The provider's `sub`: stable for the person, unlike their e-mail address. */
  subject: string;
  userId: string;
  linkedAt: number;
}

export interface SessionRow {
  /** SHA-256 of the cookie token, hex; the token itself is never stored. */
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface AccountStore {
  createUser(user: UserRow): Promise<void>;
  getUser(id: string): Promise<UserRow | undefined>;
  findUserByEmail(email: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  countUsers(): Promise<number>;
  /** False when there is no such user. */
  setUserCapacity(id: string, capacity: number): Promise<boolean>;
  createSession(session: SessionRow): Promise<void>;
  getSession(id: string): Promise<SessionRow | undefined>;
  deleteSession(id: string): Promise<void>;
  /** False when there is no such user. */
  updateUser(id: string, change: UserChange): Promise<boolean>;
  /** Users with this role and status `active`. */
  countActiveUsers(role: Role): Promise<number>;
  /** Deletes the user's sessions (but `exceptId`) and returns the ids deleted. */
  deleteUserSessions(userId: string, exceptId?: string): Promise<string[]>;
  /**
   * Clears the author name of the agent messages in conversations the user held or was offered, where the name
   * is `name`: the console then shows a placeholder ("Former agent"). The text stays.
   */
  anonymiseAgentMessages(userId: string, name: string): Promise<void>;
  /** Replaces every recovery code of the user (none when `hashes` is empty). */
  replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void>;
  /** Marks an unused code used; false when it is unknown or used already (one winner among racing uses). */
  useRecoveryCode(userId: string, hash: string, at: number): Promise<boolean>;
  countUnusedRecoveryCodes(userId: string): Promise<number>;
  createSignInChallenge(challenge: SignInChallengeRow): Promise<void>;
  /**
   * Counts one attempt at the challenge and returns it while it is unexpired at `now` and within
   * `maxAttempts`; undefined otherwise.
   */
  attemptSignInChallenge(
    id: string,
    now: number,
    maxAttempts: number,
  ): Promise<SignInChallengeRow | undefined>;
  deleteSignInChallenge(id: string): Promise<void>;
  /** The user linked to this provider account, if any. */
  findUserByIdentity(issuer: string, subject: string): Promise<UserRow | undefined>;
  /** Links a provider account to a user; false when that account is linked already (to anyone). */
  linkUserIdentity(identity: UserIdentityRow): Promise<boolean>;
  /** The roles whose users must use two-factor sign-in. */
  twoFactorRoles(): Promise<Role[]>;
  setTwoFactorRoles(roles: Role[]): Promise<void>;
}
