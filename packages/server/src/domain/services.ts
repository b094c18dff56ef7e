import type { Bus } from '../ports/bus.ts';
import type { Clock } from '../ports/clock.ts';
import type { Geo } from '../ports/geo.ts';
import type { Ids } from '../ports/ids.ts';
import type { Store } from '../ports/store.ts';
import { Deadlines } from '../scheduler/deadlines.ts';
import { AccountsService } from './accounts/accounts-service.ts';
import { ChatExtrasService } from './conversations/chat-extras.ts';
import { ConversationsService } from './conversations/conversations-service.ts';
import { VisitorAbsence } from './conversations/visitor-absence.ts';
import { Fanout } from './fanout.ts';
import { IdentityService } from './identity/identity-service.ts';
import { CapacityWatch } from './proactive/capacity-watch.ts';
import { ProactiveService } from './proactive/proactive-service.ts';
import { HandoffService } from './routing/handoff-service.ts';
import { QueuesService } from './routing/queues-service.ts';
import { RoutingService } from './routing/routing-service.ts';
import { SupervisorService } from './supervision/supervisor-service.ts';
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
  const proactive = new ProactiveService(store, clock, ids, fanout, deadlines, conversations);
  const capacityWatch = new CapacityWatch(
    store,
    ports.bus,
    (widgetId) => proactive.recheckCapacity(widgetId),
    ports.onDeadlineError,
  );
  routing.onCapacityChanged = (agentId) => capacityWatch.changed(agentId);
  proactive.onCapacityUsed = (widgetId) => capacityWatch.watch(widgetId);
  return {
    ...ports,
    fanout,
    deadlines,
    accounts: new AccountsService(store, clock, ids),
    widgets: new WidgetsService(store, clock, ids, fanout),
    visitors: new VisitorsService(store, clock, ids, ports.geo),
    proactive,
    capacityWatch,
    identity: new IdentityService(store, clock, fanout),
    conversations,
    routing,
    chatExtras: new ChatExtrasService(store, clock, fanout, conversations),
    queues: new QueuesService(store, ids, routing),
    handoff: new HandoffService(store, clock, fanout, conversations, routing),
    visitorAbsence: new VisitorAbsence(store, clock, deadlines, conversations, ids.next('node')),
    supervisor: new SupervisorService(store, clock),
  };
}
