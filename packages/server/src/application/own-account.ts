import type { Account, RecoveryCodes, TwoFactorSetup } from '@beckon/protocol';
import { type SignedIn, toUser } from '../domain/accounts/accounts-service.ts';
import { verifyPassword } from '../domain/accounts/passwords.ts';
import { fail } from '../domain/errors.ts';
import type { Services } from '../domain/services.ts';

/**
 * What a signed-in user does to their own account: read it, change their password, sign out elsewhere, turn
 * two-factor sign-in on (secret, confirming code, recovery codes) or off.
 */
export class OwnAccount {
  constructor(private readonly s: Services) {}

  async get(signedIn: SignedIn): Promise<Account> {
    const { user } = signedIn;
    return {
      user: toUser(user),
      passwordChangeRequired: user.passwordChangeRequired === true,
      twoFactorEnabled: user.totpSecret !== undefined,
      twoFactorEnrolmentRequired: signedIn.twoFactorEnrolmentRequired,
      recoveryCodesLeft: user.totpSecret ? await this.s.store.countUnusedRecoveryCodes(user.id) : 0,
    };
  }

  beginTwoFactor(signedIn: SignedIn): Promise<TwoFactorSetup> {
    return this.s.accounts.twoFactor.begin(signedIn.user);
  }

  async confirmTwoFactor(signedIn: SignedIn, code: string): Promise<RecoveryCodes> {
    return { recoveryCodes: await this.s.accounts.twoFactor.confirm(signedIn.user, code) };
  }

  /** Needs the current password; a role that requires two-factor sign-in cannot turn it off. */
  async disableTwoFactor(signedIn: SignedIn, password: string): Promise<void> {
    const { user } = signedIn;
    if (!(await verifyPassword(user.passwordHash, password)))
      fail('WRONG_PASSWORD', 'The current password is wrong.');
    if ((await this.s.store.twoFactorRoles()).includes(user.role))
      fail('FORBIDDEN', 'Your role must use two-factor sign-in.');
    await this.s.accounts.twoFactor.turnOff(user.id);
  }

  /** Ends the user's other sessions; this one stays signed in. */
  changePassword(signedIn: SignedIn, currentPassword: string, newPassword: string): Promise<void> {
    return this.s.accounts.changePassword(signedIn, currentPassword, newPassword);
  }

  signOutOthers(signedIn: SignedIn): Promise<void> {
    return this.s.accounts.endSessions(signedIn.user.id, signedIn.session.id);
  }
}
