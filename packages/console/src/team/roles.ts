import type { Role } from '@beckon/protocol';

/** Every role, in the order the Team screen lists them. */
export const allRoles: Role[] = ['agent', 'supervisor', 'admin'];
