import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type {
  FileScanOutcome,
  QueueGauge,
  ScrapedMetrics,
  SocketKind,
  WebhookAttemptOutcome,
} from '../../ports/metrics.ts';

/** Latency buckets in seconds: from a tenth of a millisecond (a cached store read) to 10 s (a stuck write). */
const latencyBuckets = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/**
 * The node's metrics in a registry of its own (never prom-client's global one: tests run several nodes in one
 * process), with Node's process metrics — CPU, memory, event-loop lag, GC — beside Beckon's.
 */
export class PrometheusMetrics implements ScrapedMetrics {
  private readonly registry = new Registry();
  private readonly sockets = new Gauge({
    name: 'beckon_sockets',
    help: 'Open WebSocket connections, by kind.',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private readonly framesIn = new Counter({
    name: 'beckon_frames_received_total',
    help: 'Frames received, by socket kind and frame type (refused: dropped before a handler).',
    labelNames: ['kind', 'type'],
    registers: [this.registry],
  });
  private readonly framesOut = new Counter({
    name: 'beckon_frames_sent_total',
    help: 'Frames sent, by socket kind and frame type.',
    labelNames: ['kind', 'type'],
    registers: [this.registry],
  });
  private readonly handling = new Histogram({
    name: 'beckon_frame_handling_seconds',
    help: 'From a valid frame’s arrival to the end of its handling; for message.send, until stored and acknowledged.',
    labelNames: ['kind', 'type'],
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  private readonly store = new Histogram({
    name: 'beckon_store_call_seconds',
    help: 'Store calls, by method and whether they failed.',
    labelNames: ['method', 'failed'],
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  private readonly publish = new Histogram({
    name: 'beckon_bus_publish_seconds',
    help: 'Publishing one event on the bus (Redis or in-process).',
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  private readonly invitations = new Counter({
    name: 'beckon_invitations_total',
    help: 'Invitations shown and how they closed (accepted, dismissed, expired, …).',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly offers = new Counter({
    name: 'beckon_offers_total',
    help: 'Offers made to agents and how they closed (accepted, declined, timed out, withdrawn, …).',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  private readonly rules = new Counter({
    name: 'beckon_rule_evaluations_total',
    help: 'Rules evaluated for visitors (one per rule whose conditions were checked).',
    registers: [this.registry],
  });
  private readonly sweeps = new Histogram({
    name: 'beckon_sweep_seconds',
    help: 'Runs of the periodic tasks (takeover, heartbeat, retention), by task and whether they failed.',
    labelNames: ['task', 'failed'],
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  private readonly takeovers = new Counter({
    name: 'beckon_takeovers_total',
    help: 'What this node’s takeover sweep found: overdue offers and invitations, agents of dead nodes taken offline.',
    labelNames: ['what'],
    registers: [this.registry],
  });
  private readonly webhookAttempts = new Counter({
    name: 'beckon_webhook_deliveries_total',
    help: 'Webhook attempts this node made, by outcome (delivered, retrying: failed with a retry due, given_up).',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly webhookSeconds = new Histogram({
    name: 'beckon_webhook_delivery_seconds',
    help: 'One webhook attempt, from signing to the receiver’s answer or the error, by outcome.',
    labelNames: ['outcome'],
    // Receivers answer in tens of milliseconds to seconds; an attempt times out at most after 60 s.
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly fileScans = new Counter({
    name: 'beckon_file_scans_total',
    help: 'Antivirus scans of uploaded files, by outcome (clean, quarantined, unavailable: clamd gave no verdict).',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly fileScanSeconds = new Histogram({
    name: 'beckon_file_scan_seconds',
    help: 'One antivirus scan, from sending the file to clamd’s verdict or giving up, by outcome.',
    labelNames: ['outcome'],
    // A small file takes milliseconds; a scan gives up after BECKON_CLAMAV_TIMEOUT_MS (30 s unless set).
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  #readQueues: (() => Promise<QueueGauge[]>) | undefined;
  #queues: Promise<QueueGauge[]> | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Both queue gauges read the store once per scrape: the first to collect starts the read, the other shares it.
    const queues = () => {
      this.#queues ??= (this.#readQueues?.() ?? Promise.resolve([])).finally(() => {
        setImmediate(() => {
          this.#queues = undefined;
        });
      });
      return this.#queues;
    };
    new Gauge({
      name: 'beckon_queue_waiting',
      help: 'Conversations waiting for an agent, by queue (the whole cluster’s, read from the store).',
      labelNames: ['queue_id', 'queue'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const q of await queues()) this.set({ queue_id: q.queueId, queue: q.queue }, q.waiting);
      },
    });
    new Gauge({
      name: 'beckon_queue_oldest_wait_seconds',
      help: 'How long the longest-waiting conversation of each queue has waited (0 when none waits).',
      labelNames: ['queue_id', 'queue'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const q of await queues())
          this.set({ queue_id: q.queueId, queue: q.queue }, q.oldestWaitSeconds);
      },
    });
  }

  readQueuesWith(read: () => Promise<QueueGauge[]>): void {
    this.#readQueues = read;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  socketOpened(kind: SocketKind): void {
    this.sockets.inc({ kind });
  }

  socketClosed(kind: SocketKind): void {
    this.sockets.dec({ kind });
  }

  frameIn(kind: SocketKind, type: string): void {
    this.framesIn.inc({ kind, type });
  }

  frameOut(kind: SocketKind, type: string): void {
    this.framesOut.inc({ kind, type });
  }

  frameHandled(kind: SocketKind, type: string, seconds: number): void {
    this.handling.observe({ kind, type }, seconds);
  }

  storeCall(method: string, seconds: number, failed: boolean): void {
    this.store.observe({ method, failed: String(failed) }, seconds);
  }

  busPublish(seconds: number): void {
    this.publish.observe(seconds);
  }

  invitation(outcome: string): void {
    this.invitations.inc({ outcome });
  }

  offer(outcome: string): void {
    this.offers.inc({ outcome });
  }

  ruleEvaluations(count: number): void {
    if (count > 0) this.rules.inc(count);
  }

  sweep(task: string, seconds: number, failed: boolean): void {
    this.sweeps.observe({ task, failed: String(failed) }, seconds);
  }

  takeover(what: string, count: number): void {
    if (count > 0) this.takeovers.inc({ what }, count);
  }

  webhookAttempt(outcome: WebhookAttemptOutcome, seconds: number): void {
    this.webhookAttempts.inc({ outcome });
    this.webhookSeconds.observe({ outcome }, seconds);
  }

  fileScan(outcome: FileScanOutcome, seconds: number): void {
    this.fileScans.inc({ outcome });
    this.fileScanSeconds.observe({ outcome }, seconds);
  }
}
