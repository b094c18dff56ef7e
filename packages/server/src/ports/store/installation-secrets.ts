/** Secrets every node of one installation shares without being configured: made once, kept in the store. */

export interface InstallationSecretStore {
  /**
   * The secret called `name`: the first call's `candidate` is stored and every call, on any node and after any
   * restart, returns that stored value (concurrent first calls agree on one of their candidates).
   */
  installationSecret(name: string, candidate: string): Promise<string>;
}
