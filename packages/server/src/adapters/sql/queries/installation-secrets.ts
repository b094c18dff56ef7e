import type { InstallationSecretStore } from '../../../ports/store.ts';
import type { Db } from '../schema.ts';

/** Installation-wide secrets: insert-if-absent, then read, so concurrent first starts keep the one that won. */
export class SqlInstallationSecrets implements InstallationSecretStore {
  constructor(private readonly db: Db) {}

  async installationSecret(name: string, candidate: string): Promise<string> {
    await this.db
      .insertInto('installation_secrets')
      .values({ name, value: candidate })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('installation_secrets')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.value;
  }
}
