import { randomBytes } from 'node:crypto';
import type { Role } from '@beckon/protocol';
import type { AuditTrail } from '../../ports/audit-trail.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Store, UserRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import type { AccountsService, SignInStep } from './accounts-service.ts';

/** What the identity provider vouched for, from the ID token and userinfo. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
  name?: string;
  /** The role claim's values (a single string claim becomes one value). */
  roleValues: string[];
}

/** Claim values per Beckon role, strongest role first. */
export type RoleMapping = { role: Role; values: string[] }[];

/** The strongest Beckon role any of the values maps to, or undefined. */
export function mappedRole(mapping: RoleMapping, values: string[]): Role | undefined {
  return mapping.find((entry) => entry.values.some((value) => values.includes(value)))?.role;
}

/**
 * Turns a provider identity into a Beckon user: found by (issuer, subject) once linked; the first time, linked
 * to the account with the same e-mail address only if the provider says the address is verified, or created
 * just in time. The role follows the claim at every sign-in, so a change at the provider applies at the next one,
 * except that the last active admin keeps the role (as on the Team screen): otherwise one change of groups at
 * the provider could leave the installation without anyone able to administer it. Every change the provider
 * makes to an account (created, linked, role changed or kept) is in the audit trail, the user as the actor.
 */
export class SingleSignOn {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
    private readonly mapping: RoleMapping,
  ) {}

  async signIn(identity: ProviderIdentity): Promise<SignInStep & { step: 'signed-in' }> {
    const role = mappedRole(this.mapping, identity.roleValues);
    if (!role) fail('SSO_NO_ROLE', 'Your account at the identity provider has no Beckon role.');
    let user = await this.store.findUserByIdentity(identity.issuer, identity.subject);
    if (!user) user = await this.linkFirstTime(identity, role);
    if (user.status !== 'active') fail('SSO_FAILED', 'This account is disabled.');
    if (user.role !== role) user = await this.applyRole(user, role);
    return this.accounts.startVerifiedSession(user);
  }

  private async applyRole(user: UserRow, role: Role): Promise<UserRow> {
    const details = { from: user.role, to: role, via: 'single sign-on' };
    if (user.role === 'admin' && (await this.store.countActiveUsers('admin')) <= 1) {
      await this.record(user.id, 'user.role_kept', { ...details, reason: 'last active admin' });
      return user;
    }
    await this.store.updateUser(user.id, { role });
    // As with an admin's change: sessions opened with the old role end (their sockets close), this one starts.
    await this.accounts.endSessions(user.id);
    await this.record(user.id, 'user.role_changed', details);
    return { ...user, role };
  }

  private record(userId: string, action: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record({ actorId: userId, action, targetType: 'user', targetId: userId, details });
  }

  private async linkFirstTime(identity: ProviderIdentity, role: Role): Promise<UserRow> {
    // An unverified address could be anyone's: it must not take over the account that owns it.
    if (!identity.email || !identity.emailVerified)
      fail('SSO_FAILED', 'The identity provider did not give a verified e-mail address.');
    const existing = await this.store.findUserByEmail(identity.email.toLowerCase());
    if (existing?.status === 'deleted') fail('SSO_FAILED', 'This account is disabled.');
    const user =
      existing ??
      (await this.accounts.createUser({
        email: identity.email,
        name: (identity.name ?? identity.email).slice(0, 100),
        role,
        // Nobody knows it: the account signs in through the provider (an admin can still reset it).
        password: randomBytes(32).toString('base64url'),
      }));
    const linked = await this.store.linkUserIdentity({
      issuer: identity.issuer,
      subject: identity.subject,
      userId: user.id,
      linkedAt: this.clock.now(),
    });
    if (!linked) {
      // Two first sign-ins raced: the one that linked wins.
      const winner = await this.store.findUserByIdentity(identity.issuer, identity.subject);
      if (!winner) fail('SSO_FAILED', 'The sign-in could not be completed; try again.');
      return winner;
    }
    if (!existing) await this.record(user.id, 'user.created', { role, via: 'single sign-on' });
    await this.record(user.id, 'user.identity_linked', { issuer: identity.issuer });
    return user;
  }
}
