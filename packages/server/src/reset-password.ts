import { resetPassword } from './composition/password-reset.ts';
import { ConfigError, loadConfigFromProcess } from './config.ts';
import { DomainError } from './domain/errors.ts';
import { framed } from './startup-banner.ts';

/** `npm run reset-password -- <email> [password]`: prints the account's new password in a frame. */
async function main(): Promise<void> {
  const [email, password] = process.argv.slice(2);
  if (!email) {
    throw new ConfigError(
      'Usage: npm run reset-password -- <email> [new password]  (no password: one is generated)',
    );
  }
  const result = await resetPassword(loadConfigFromProcess(), email, password);
  process.stdout.write(
    framed([
      `New password for ${result.email}: ${result.password}`,
      'Its sessions have ended; it signs in with this password from now on.',
    ]),
  );
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DomainError;
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
