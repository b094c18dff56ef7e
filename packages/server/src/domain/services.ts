import { randomBytes } from 'node:crypto';
import { defaultModelSettings, type ModelSettings } from '@beckon/rules';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Bus } from '../ports/bus.ts';
import type { Clock } from '../ports/clock.ts';
import type { Geo } from '../ports/geo.ts';
import type { Ids } from '../ports/ids.ts';
import type { Mailer } from '../ports/mail.ts';
import type { Metrics } from '../ports/metrics.ts';
import type { Store } from '../ports/store.ts';
import type { VirusScanner } from '../ports/virus-scanner.ts';
import type { WebhookSender } from '../ports/webhook-sender.ts';
import { Deadlines } from '../scheduler/deadlines.ts';
import { AccountsService } from './accounts/accounts-service.ts';
import { ApiTokens } from './api-tokens/api-tokens.ts';
import { StoreAuditTrail } from './audit/store-audit-trail.ts';
import { ConversationsService } from './conversations/conversations-service.ts';
import { TypingRelay } from './conversations/typing.ts';
import { VisitorAbsence } from './conversations/visitor-absence.ts';
import { DomainEvents } from './domain-events.ts';
import { Fanout } from './fanout.ts';
import { defaultFileLinkLifetimeMs, type FileLinkSettings, FileLinks } from './files/file-links.ts';
import { defaultFileSettings, type FileSettings, FilesService } from './files/files-service.ts';
import { OperatingHours } from './hours/operating-hours.ts';
import { IdentityService } from './identity/identity-service.ts';
import { LeftMessages } from './left-messages/left-messages-service.ts';
import { MailOutbox } from './mail/mail-outbox.ts';
import { RetentionPolicy } from './privacy/retention-policy.ts';
import { AcceptanceLearner } from './proactive/acceptance-learner.ts';
import { AgentInvitations } from './proactive/agent-invitations.ts';
import { CapacityWatch } from './proactive/capacity-watch.ts';
import { RuleExplanations } from './proactive/explanations.ts';
import { FunnelAnalytics } from './proactive/funnel-analytics.ts';
import { InvitationLifecycle } from './proactive/invitations.ts';
import { LivePredictions } from './proactive/live-predictions.ts';
import { MessagePreviews } from './proactive/message-previews.ts';
import { ProactiveService } from './proactive/proactive-service.ts';
import { AgentAvailabilityService } from './routing/agent-availability.ts';
import { HandoffService } from './routing/handoff-service.ts';
import { QueuesService } from './routing/queues-service.ts';
import { RoutingService } from './routing/routing-service.ts';
import { SupervisorService } from './supervision/supervisor-service.ts';
import { ChatSurveys } from './surveys/chat-surveys.ts';
import { TranscriptMails } from './transcripts/transcript-mails.ts';
import { LiveVisitorWatches } from './visitors/live-visitor-watches.ts';
import { LiveVisitors } from './visitors/live-visitors.ts';
import { VisitorsService } from './visitors/visitors-service.ts';
import { WindowHandovers } from './visitors/window-handovers.ts';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.ts';
import { WebhookOutbox } from './webhooks/webhook-outbox.ts';
import { WebhooksService } from './webhooks/webhooks-service.ts';
import { isOriginAllowed } from './widgets/widget-access.ts';
import { WidgetsService } from './widgets/widgets-service.ts';

export interface Ports {
  store: Store;
  /** Outgoing e-mail; absent when no SMTP server is configured (left messages are stored, no mail is sent). */
  mailer?: Mailer;
  bus: Bus;
  /** Where file bytes are kept; absent in tools that never touch files (a file request then fails). */
  blobs?: BlobStore;
  /** Scans each uploaded file before it is stored; absent: files are stored unscanned. */
  virusScanner?: VirusScanner;
  clock: Clock;
  ids: Ids;
  geo: Geo;
  /** What operators count; nothing is counted without it. */
  metrics?: Metrics;
  /**
   * Where webhooks are sent from; without one (embedders, some tests) events still go into the outbox but
   * this node sends nothing, and URLs are not checked.
   */
  webhookSender?: WebhookSender;
  onDeadlineError: (key: string, error: unknown) => void;
}

export interface ServiceSettings {
  /** Offer timeouts in a row after which an agent is set Inactive (0 = never); routing's default otherwise. */
  missedOffersBeforeInactive?: number;
  /** A webhook attempt's timeout (BECKON_WEBHOOKS_TIMEOUT_MS); 10 s otherwise. */
  webhookAttemptTimeoutMs?: number;
  /** Size limit and upload rate of files; the protocol's defaults otherwise. */
  files?: Partial<FileSettings>;
  /** The file links of transcript e-mails: the signing key (a random one otherwise), lifetime and public URL. */
  fileLinks?: Partial<FileLinkSettings>;
  /** The acceptance model's settings (tests lower the minimum of outcomes); defaultModelSettings otherwise. */
  acceptanceModel?: Partial<ModelSettings>;
  /** No other node can ever join this one: the embedded store with the in-process bus. */
  singleNode?: boolean;
}

export type Services = ReturnType<typeof createServices>;

/**
 * Builds the domain services on the given ports. Each gets what it needs at construction: the domain events are
 * created first, and the services that react to another's events subscribe in their own constructors.
 */
export function createServices(ports: Ports, settings: ServiceSettings = {}) {
  const { store, clock, ids } = ports;
  const events = new DomainEvents();
  const fanout = new Fanout(ports.bus);
  const deadlines = new Deadlines(clock, ports.onDeadlineError);
  const conversations = new ConversationsService(store, clock, ids, fanout, events);
  const routing = new RoutingService(store, clock, ids, fanout, deadlines, conversations, events, {
    missedOffersBeforeInactive: settings.missedOffersBeforeInactive,
    onError: ports.onDeadlineError,
  });
  const learner = new AcceptanceLearner(store, clock, deadlines, {
    ...defaultModelSettings,
    ...settings.acceptanceModel,
  });
  const invitations = new InvitationLifecycle(
    store,
    clock,
    ids,
    fanout,
    deadlines,
    conversations,
    events,
    (id, status) => learner.closed(id, status),
  );
  const proactive = new ProactiveService(
    store,
    clock,
    deadlines,
    invitations,
    events,
    ports.metrics,
    learner,
  );
  const capacityWatch = new CapacityWatch(
    store,
    ports.bus,
    (widgetId) => proactive.recheckCapacity(widgetId),
    ports.onDeadlineError,
    events,
  );
  const hours = new OperatingHours(store, clock);
  const audit: AuditTrail = new StoreAuditTrail(store, clock, ids);
  const nodeId = ids.next('node');
  const mailOutbox = new MailOutbox(store, clock, ids, ports.mailer, nodeId, ports.onDeadlineError);
  const fileLinks = new FileLinks(clock, {
    secret: settings.fileLinks?.secret ?? randomBytes(32),
    lifetimeMs: settings.fileLinks?.lifetimeMs ?? defaultFileLinkLifetimeMs,
    ...(settings.fileLinks?.publicUrl ? { publicUrl: settings.fileLinks.publicUrl } : {}),
  });
  const files = new FilesService(
    store,
    ports.blobs ?? noBlobStore,
    clock,
    ids,
    conversations,
    { scanner: ports.virusScanner, audit, metrics: ports.metrics },
    fileLinks,
    { ...defaultFileSettings, ...settings.files },
  );
  const liveVisitors = new LiveVisitors(
    store,
    ports.bus,
    clock,
    nodeId,
    ports.onDeadlineError,
    settings.singleNode,
  );
  const livePredictions = new LivePredictions(store, learner, clock, ports.onDeadlineError);
  const liveWatches = new LiveVisitorWatches(liveVisitors, clock, deadlines, (page, now) =>
    livePredictions.annotate(page, now),
  );
  livePredictions.onReady(() => liveWatches.refresh());
  const webhookOutbox = new WebhookOutbox(store, clock, ids, events, ports.onDeadlineError);
  const webhookSender: WebhookSender = ports.webhookSender ?? {
    checkUrl: async () => {},
    send: async () => {
      throw new Error('No webhook sender on this node.');
    },
  };
  const webhookDispatcher = ports.webhookSender
    ? new WebhookDispatcher(
        store,
        ports.webhookSender,
        clock,
        audit,
        { owner: nodeId, attemptTimeoutMs: settings.webhookAttemptTimeoutMs ?? 10_000 },
        ports.onDeadlineError,
        ports.metrics,
      )
    : undefined;
  if (webhookDispatcher) webhookOutbox.onEnqueued(() => webhookDispatcher.kick());
  return {
    ...ports,
    fanout,
    deadlines,
    accounts: new AccountsService(store, clock, ids, fanout),
    apiTokens: new ApiTokens(store, clock, ids),
    audit,
    retention: new RetentionPolicy(store, clock, audit, (before) => files.purge(before)),
    files,
    widgets: new WidgetsService(store, clock, ids, fanout),
    visitors: new VisitorsService(store, clock, ids, ports.geo),
    handovers: new WindowHandovers(store, clock, isOriginAllowed),
    proactive,
    invitations,
    liveVisitors,
    liveWatches,
    livePredictions,
    agentInvitations: new AgentInvitations(store, clock, ids, fanout, deadlines, liveVisitors, invitations),
    explanations: new RuleExplanations(store, clock, proactive),
    messagePreviews: new MessagePreviews(store, proactive, liveVisitors),
    analytics: new FunnelAnalytics(store, proactive.evaluations),
    capacityWatch,
    identity: new IdentityService(store, clock, fanout, ids, events),
    conversations,
    routing,
    hours,
    availability: new AgentAvailabilityService(store, hours),
    leftMessages: new LeftMessages(
      store,
      clock,
      fanout,
      conversations,
      hours,
      mailOutbox,
      events,
      ports.onDeadlineError,
    ),
    surveys: new ChatSurveys(store, clock, fanout),
    mailOutbox,
    transcriptMails: new TranscriptMails(store, mailOutbox, fileLinks),
    typing: new TypingRelay(store, fanout, conversations, clock),
    queues: new QueuesService(store, ids, routing),
    handoff: new HandoffService(store, clock, fanout, conversations, routing),
    visitorAbsence: new VisitorAbsence(store, clock, deadlines, conversations, nodeId),
    supervisor: new SupervisorService(store, clock),
    webhookOutbox,
    webhookDispatcher,
    webhooks: new WebhooksService(store, clock, ids, webhookSender, webhookOutbox),
  };
}

const noBlobStore: BlobStore = {
  put: () => Promise.reject(new Error('no blob store configured')),
  get: () => Promise.reject(new Error('no blob store configured')),
  delete: () => Promise.reject(new Error('no blob store configured')),
  close: async () => {},
};
