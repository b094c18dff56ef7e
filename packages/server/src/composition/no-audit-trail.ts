import type { AuditTrail } from '../ports/audit-trail.ts';

/** Keeps nothing: the composition's audit trail until the component that persists entries is wired here. */
export const noAuditTrail: AuditTrail = {
  record: async () => {},
  list: async () => [],
};
