import type { Role } from '@beckon/protocol';
import type { SavedSingleSignOnSettings, SingleSignOnStore } from '../../../ports/store.ts';
import type { Db } from '../schema.ts';

/** The one row of the installation's settings. */
const rowId = 'installation';

const present = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
const flag = (value: number | null): boolean | undefined => (value === null ? undefined : value === 1);
const bit = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);

export class SqlSingleSignOn implements SingleSignOnStore {
  constructor(private readonly db: Db) {}

  async singleSignOnSettings(): Promise<SavedSingleSignOnSettings> {
    const row = await this.db
      .selectFrom('single_sign_on_settings')
      .selectAll()
      .where('id', '=', rowId)
      .executeTakeFirst();
    if (!row) return {};
    const settings: SavedSingleSignOnSettings = {
      enabled: flag(row.enabled),
      issuer: present(row.issuer),
      clientId: present(row.client_id),
      clientSecret: present(row.client_secret),
      name: present(row.name),
      rolesClaim: present(row.roles_claim),
      roleMapping: row.role_mapping === null ? undefined : JSON.parse(row.role_mapping),
      passwordLogin: flag(row.password_login),
    };
    return Object.fromEntries(
      Object.entries(settings).filter(([, value]) => value !== undefined),
    ) as SavedSingleSignOnSettings;
  }

  async saveSingleSignOnSettings(
    settings: SavedSingleSignOnSettings,
    by: string | null,
    at: number,
  ): Promise<void> {
    const values = {
      enabled: bit(settings.enabled),
      issuer: settings.issuer ?? null,
      client_id: settings.clientId ?? null,
      client_secret: settings.clientSecret ?? null,
      name: settings.name ?? null,
      roles_claim: settings.rolesClaim ?? null,
      role_mapping: settings.roleMapping ? JSON.stringify(settings.roleMapping) : null,
      password_login: bit(settings.passwordLogin),
      updated_by: by,
      updated_at: at,
    };
    await this.db
      .insertInto('single_sign_on_settings')
      .values({ id: rowId, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }

  async countLinkedActiveUsers(issuer: string, role: Role): Promise<number> {
    const row = await this.db
      .selectFrom('user_identities')
      .innerJoin('users', 'users.id', 'user_identities.user_id')
      .select((eb) => eb.fn.count<number | string>('users.id').distinct().as('n'))
      .where('user_identities.issuer', '=', issuer)
      .where('users.role', '=', role)
      .where('users.status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
