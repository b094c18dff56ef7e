import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiToken, ApiTokenInput, ApiTokenScope, CreatedApiToken } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { ApiTokenRow, Store, UserRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';

/** The token's first characters shown in lists: its id's prefix and a little of the id, never the secret. */
const prefixLength = 12;
/** A write per request would be wasteful: a use is recorded at most once a minute per token. */
const touchEveryMs = 60_000;

/**
 * A token is `<id>.<secret>`: the id finds the row, the secret (32 random bytes) proves possession. Only SHA-256 of
 * the secret is stored. A slow password hash is not needed: 256 random bits cannot be guessed from the hash, and a
 * fast hash keeps every API request cheap. The comparison is constant-time so the answer's timing says nothing
 * about how much of a guessed secret matched.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface TokenCaller {
  token: ApiTokenRow;
  /** The admin who created the token: the token acts as them, within its scopes. */
  user: UserRow;
}

export class ApiTokens {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  async create(actor: UserRow, input: ApiTokenInput): Promise<CreatedApiToken> {
    const now = this.clock.now();
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null && expiresAt <= now)
      fail('VALIDATION_FAILED', 'The expiry must be in the future.');
    const id = this.ids.next('tok');
    const secret = randomBytes(32).toString('base64url');
    const row: ApiTokenRow = {
      id,
      name: input.name,
      secretHash: hashSecret(secret),
      scopes: input.scopes,
      createdBy: actor.id,
      createdAt: now,
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.store.createApiToken(row);
    return { ...toApiToken(row, actor.name), token: `${id}.${secret}` };
  }

  async list(): Promise<ApiToken[]> {
    const rows = await this.store.listApiTokens();
    const names = new Map<string, string>();
    for (const id of new Set(rows.map((row) => row.createdBy)))
      names.set(id, (await this.store.getUser(id))?.name ?? '');
    return rows.map((row) => toApiToken(row, names.get(row.createdBy) ?? ''));
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.store.revokeApiToken(id, this.clock.now())))
      fail('NOT_FOUND', `No active API token ${id}.`);
  }

  /**
   * The caller behind `Authorization: Bearer <token>`, or the reason it is refused. Scope is checked by the route's
   * gate, after this; the creator must still be an active account (disabling an admin disables their tokens).
   */
  async authenticate(bearer: string): Promise<TokenCaller> {
    const [id, secret, ...rest] = bearer.split('.');
    if (!id || !secret || rest.length > 0 || id.length > 64) fail('API_TOKEN_INVALID', 'Unknown API token.');
    const token = await this.store.getApiToken(id);
    if (!token || !sameHash(token.secretHash, hashSecret(secret)))
      fail('API_TOKEN_INVALID', 'Unknown API token.');
    if (token.revokedAt !== null) fail('API_TOKEN_INVALID', 'This API token was revoked.');
    const now = this.clock.now();
    if (token.expiresAt !== null && token.expiresAt <= now)
      fail('API_TOKEN_EXPIRED', 'This API token has expired.');
    const user = await this.store.getUser(token.createdBy);
    if (user?.status !== 'active')
      fail('API_TOKEN_INVALID', 'The account that created this API token can no longer sign in.');
    if (token.lastUsedAt === null || now - token.lastUsedAt >= touchEveryMs)
      await this.store.touchApiToken(id, now);
    return { token, user };
  }
}

export function hasScope(token: ApiTokenRow, scope: ApiTokenScope): boolean {
  return token.scopes.includes(scope);
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

function toApiToken(row: ApiTokenRow, creatorName: string): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.id.slice(0, prefixLength),
    scopes: row.scopes as ApiTokenScope[],
    createdAt: row.createdAt,
    createdBy: { id: row.createdBy, name: creatorName },
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
