import { randomBytes } from 'node:crypto';
import { passwordMinLength } from '@beckon/protocol';
import { type Config, ConfigError } from '../config.ts';
import { withOfflineServices } from './offline-services.ts';

/**
 * `beckon create-admin <email>`: adds an admin account to the configured store (argon2-hashed through the
 * accounts service, recorded in the audit trail). An e-mail already in use is refused rather than changed:
 * `beckon reset-password` is the command for that. Without a password one is generated and returned to print.
 */
export async function createAdmin(
  config: Config,
  options: { email: string; name?: string; password?: string },
): Promise<{ email: string; password: string }> {
  const email = options.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ConfigError(`"${options.email}" is not an e-mail address.`);
  if (options.password !== undefined && options.password.length < passwordMinLength) {
    throw new ConfigError(`The password must have at least ${passwordMinLength} characters.`);
  }
  const password = options.password ?? randomBytes(12).toString('base64url');
  return withOfflineServices(config, async (s) => {
    if (await s.store.findUserByEmail(email)) {
      throw new ConfigError(
        `An account with the e-mail ${email} already exists; to set its password, run: beckon reset-password ${email}`,
      );
    }
    const name = options.name ?? email.split('@')[0]!;
    const row = await s.accounts.createUser({ email, name, role: 'admin', password });
    await s.audit.record({
      actorId: null,
      action: 'user.created',
      targetType: 'user',
      targetId: row.id,
      details: { role: 'admin', via: 'command line' },
    });
    return { email: row.email, password };
  });
}
