import type { Services } from '../domain/services.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import { AgentSessions } from './agent-sessions.ts';
import { CustomerRecords } from './customers.ts';
import { OwnAccount } from './own-account.ts';
import type { ReportError } from './peer.ts';
import { PersonalDataRequests } from './personal-data.ts';
import { QuickReplies } from './quick-replies.ts';
import { UserAdministration } from './users.ts';
import { VisitorConnections } from './visitor-connections.ts';

export type UseCases = ReturnType<typeof createUseCases>;

/** The use cases a transport calls, built on the domain services. */
export function createUseCases(services: Services, report: ReportError, audit: AuditTrail) {
  return {
    visitorConnections: new VisitorConnections(services, report),
    agentSessions: new AgentSessions(services),
    users: new UserAdministration(services, audit),
    account: new OwnAccount(services),
    customers: new CustomerRecords(services),
    quickReplies: new QuickReplies(services),
    personalData: new PersonalDataRequests(services),
  };
}
