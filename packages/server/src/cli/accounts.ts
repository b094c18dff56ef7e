import { createAdmin } from '../composition/admin-account.ts';
import { resetPassword } from '../composition/password-reset.ts';
import { loadConfigFromProcess } from '../config.ts';
import { framed } from '../startup-banner.ts';

/** `beckon create-admin <email> [password]`: the new admin's password, printed once in a frame. */
export async function createAdminCommand(
  email: string,
  password: string | undefined,
  name?: string,
): Promise<string> {
  const result = await createAdmin(loadConfigFromProcess(), { email, name, password });
  return framed([
    `New admin ${result.email}, password: ${result.password}`,
    'It signs in to the console with this password; it is stored only as a hash.',
  ]);
}

/** `beckon reset-password <email> [password]`: the account's new password, printed once in a frame. */
export async function resetPasswordCommand(email: string, password: string | undefined): Promise<string> {
  const result = await resetPassword(loadConfigFromProcess(), email, password);
  return framed([
    `New password for ${result.email}: ${result.password}`,
    'Its sessions have ended; it signs in with this password from now on.',
  ]);
}
