import type { Account } from '@beckon/protocol';
import { type SignedIn, toUser } from '../domain/accounts/accounts-service.ts';
import type { Services } from '../domain/services.ts';

/** What a signed-in user does to their own account: read it, change their password, sign out elsewhere. */
export class OwnAccount {
  constructor(private readonly s: Services) {}

  get(signedIn: SignedIn): Account {
    return {
      user: toUser(signedIn.user),
      passwordChangeRequired: signedIn.user.passwordChangeRequired === true,
    };
  }

  /** Ends the user's other sessions; this one stays signed in. */
  changePassword(signedIn: SignedIn, currentPassword: string, newPassword: string): Promise<void> {
    return this.s.accounts.changePassword(signedIn, currentPassword, newPassword);
  }

  signOutOthers(signedIn: SignedIn): Promise<void> {
    return this.s.accounts.endSessions(signedIn.user.id, signedIn.session.id);
  }
}
