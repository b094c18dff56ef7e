/** API tokens admins create for integrations: only a hash of the secret is kept. */

export interface ApiTokenRow {
  id: string;
  name: string;
  /** SHA-256 of the secret part, hex. */
  secretHash: string;
  scopes: string[];
  /** The admin who created it; the token acts as them, within its scopes. */
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface ApiTokenStore {
  createApiToken(token: ApiTokenRow): Promise<void>;
  getApiToken(id: string): Promise<ApiTokenRow | undefined>;
  /** Newest first, revoked ones included. */
  listApiTokens(): Promise<ApiTokenRow[]>;
  /** Marks it revoked at `at`; false when there is no such token or it was already revoked. */
  revokeApiToken(id: string, at: number): Promise<boolean>;
  /** Records a use at `at`; a time earlier than the one recorded is ignored (nodes race). */
  touchApiToken(id: string, at: number): Promise<void>;
}
