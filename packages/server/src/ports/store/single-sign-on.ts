import type { Role } from '@beckon/protocol';

/**
 * The installation's single sign-on settings as an admin saved them (one set for every node), and the accounts
 * linked to a provider. A field left unset is `undefined`: its environment variable or default applies.
 */
export interface SavedSingleSignOnSettings {
  enabled?: boolean;
  issuer?: string;
  clientId?: string;
  /** Kept as given: the token request needs it in clear (like a webhook's signing secret). */
  clientSecret?: string;
  name?: string;
  rolesClaim?: string;
  roleMapping?: { role: Role; values: string[] }[];
  passwordLogin?: boolean;
}

export interface SingleSignOnStore {
  /** The saved settings; an empty object when no admin has saved any. */
  singleSignOnSettings(): Promise<SavedSingleSignOnSettings>;
  /** Replaces the saved settings as a whole (the last save wins), recording who and when. */
  saveSingleSignOnSettings(settings: SavedSingleSignOnSettings, by: string | null, at: number): Promise<void>;
  /** Active users with `role` linked to an account at `issuer`: who could sign in through that provider. */
  countLinkedActiveUsers(issuer: string, role: Role): Promise<number>;
}
