import type { Role } from '@beckon/protocol';

/** Console users (admins, supervisors, agents) and their sign-in sessions. */

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
}

export interface UserChange {
  name?: string;
  email?: string;
  role?: Role;
  status?: UserStatus;
  passwordHash?: string;
  passwordChangeRequired?: boolean;
  lastSignInAt?: number;
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
}
