import { randomBytes } from 'node:crypto';
import { passwordMinLength } from '@beckon/protocol';
import { UserAdministration } from '../application/users.ts';
import { type Config, ConfigError } from '../config.ts';
import { withOfflineServices } from './offline-services.ts';

/**
 * `npm run reset-password -- <email> [password]`: sets the account's password in the configured store (the
 * SQLite file, or PostgreSQL) through the accounts service, so it is argon2-hashed, every session of the account
 * ends and the audit trail records it. Without a password one is generated; either way it is returned to print.
 * With Redis configured the running nodes hear that the sessions ended and close the account's sockets.
 */
export async function resetPassword(
  config: Config,
  email: string,
  given?: string,
): Promise<{ email: string; password: string }> {
  if (given !== undefined && given.length < passwordMinLength) {
    throw new ConfigError(`The password must have at least ${passwordMinLength} characters.`);
  }
  const password = given ?? randomBytes(12).toString('base64url');
  return withOfflineServices(config, async (services) => {
    const user = await new UserAdministration(services, services.audit).setPasswordByEmail(email, password);
    return { email: user.email, password };
  });
}
