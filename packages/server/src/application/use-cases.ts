import type { Services } from '../domain/services.ts';
import { CustomerRecords } from './customers.ts';
import type { ReportError } from './peer.ts';
import { PersonalDataRequests } from './personal-data.ts';
import { QuickReplies } from './quick-replies.ts';
import { UserAdministration } from './users.ts';
import { VisitorConnections } from './visitor-connections.ts';

export type UseCases = ReturnType<typeof createUseCases>;

/** The use cases a transport calls, built on the domain services. */
export function createUseCases(services: Services, report: ReportError) {
  return {
    visitorConnections: new VisitorConnections(services, report),
    users: new UserAdministration(services),
    customers: new CustomerRecords(services),
    quickReplies: new QuickReplies(services),
    personalData: new PersonalDataRequests(services),
  };
}
