import type { Role } from '@beckon/protocol';

/** Console users (admins, supervisors, agents) and their sign-in sessions. */

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  /** Most conversations (active plus pending offers) routing gives this agent at once. */
  capacity: number;
  createdAt: number;
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
}
