import { createHash, randomBytes } from 'node:crypto';
import { defaultAgentCapacity, type Role, type User } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store, UserRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';
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

export class AccountsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
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
    };
    await this.store.createUser(row);
    return row;
  }

  /** Returns the session token to put in the cookie. */
  async login(email: string, password: string): Promise<{ token: string; user: User; expiresAt: number }> {
    const row = await this.store.findUserByEmail(email.toLowerCase());
    if (!row) {
      decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await decoyHash, password);
      fail('INVALID_CREDENTIALS', 'Email or password is wrong.');
    }
    if (!(await verifyPassword(row.passwordHash, password)))
      fail('INVALID_CREDENTIALS', 'Email or password is wrong.');
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = now + sessionLifetimeMs;
    await this.store.createSession({ id: tokenId(token), userId: row.id, createdAt: now, expiresAt });
    return { token, user: toUser(row), expiresAt };
  }

  async logout(token: string): Promise<void> {
    await this.store.deleteSession(tokenId(token));
  }

  /** The user behind a session token, or undefined when the token is unknown or expired. */
  async authenticate(token: string | undefined): Promise<UserRow | undefined> {
    if (!token) return undefined;
    const session = await this.store.getSession(tokenId(token));
    if (!session || session.expiresAt <= this.clock.now()) return undefined;
    return this.store.getUser(session.userId);
  }
}
