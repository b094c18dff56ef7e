import type { Bus } from '../ports/bus.ts';
import type { Clock } from '../ports/clock.ts';
import type { Geo } from '../ports/geo.ts';
import type { Ids } from '../ports/ids.ts';
import type { Store } from '../ports/store.ts';
import { Deadlines } from '../scheduler/deadlines.ts';
import { AccountsService } from './accounts/accounts-service.ts';
import { ConversationsService } from './conversations/conversations-service.ts';
import { Fanout } from './fanout.ts';
import { IdentityService } from './identity/identity-service.ts';
import { ProactiveService } from './proactive/proactive-service.ts';
import { RoutingService } from './routing/routing-service.ts';
import { VisitorsService } from './visitors/visitors-service.ts';
import { WidgetsService } from './widgets/widgets-service.ts';

export interface Ports {
  store: Store;
  bus: Bus;
  clock: Clock;
  ids: Ids;
  geo: Geo;
  onDeadlineError: (key: string, error: unknown) => void;
}

export type Services = ReturnType<typeof createServices>;

/** Builds the domain services on the given ports and wires their hooks together. */
export function createServices(ports: Ports) {
  const { store, clock, ids } = ports;
  const fanout = new Fanout(ports.bus);
  const deadlines = new Deadlines(clock, ports.onDeadlineError);
  const conversations = new ConversationsService(store, clock, ids, fanout);
  const routing = new RoutingService(store, clock, ids, fanout, deadlines, conversations);
  conversations.onWaiting = (conversation) => routing.waiting(conversation);
  conversations.onEnded = (conversation) => routing.conversationEnded(conversation);
  return {
    ...ports,
    fanout,
    deadlines,
    accounts: new AccountsService(store, clock, ids),
    widgets: new WidgetsService(store, clock, ids),
    visitors: new VisitorsService(store, clock, ids, ports.geo),
    proactive: new ProactiveService(store, clock, ids, fanout, deadlines, conversations),
    identity: new IdentityService(store, clock, fanout),
    conversations,
    routing,
  };
}
