/** Which socket endpoint a frame or connection belongs to. */
export type SocketKind = 'visitor' | 'agent';

/**
 * What a node counts and times for its operators. The composition root picks the Prometheus adapter when a
 * metrics port is configured, and `noMetrics` otherwise, so counting costs nothing when nobody scrapes.
 */
export interface Metrics {
  socketOpened(kind: SocketKind): void;
  socketClosed(kind: SocketKind): void;
  /** A frame that passed the schema (`type`), or one refused before its handler (`type` = `refused`). */
  frameIn(kind: SocketKind, type: string): void;
  frameOut(kind: SocketKind, type: string): void;
  /** From a valid frame's arrival to the end of its handling (for `message.send`: stored and acknowledged). */
  frameHandled(kind: SocketKind, type: string, seconds: number): void;
  storeCall(method: string, seconds: number, failed: boolean): void;
  busPublish(seconds: number): void;
  invitation(outcome: string): void;
  offer(outcome: string): void;
  /** Rules evaluated for one visitor (each rule whose conditions were checked counts one). */
  ruleEvaluations(count: number): void;
  /** One run of a periodic task (deadline and node takeover, heartbeat, retention purge). */
  sweep(task: string, seconds: number, failed: boolean): void;
  /** Work this node took over from a dead node or a missed deadline: offers, invitations, agents. */
  takeover(what: string, count: number): void;
  /** One webhook attempt, from signing to the receiver's answer (or the error), and how it ended. */
  webhookAttempt(outcome: WebhookAttemptOutcome, seconds: number): void;
  /** One antivirus scan of an uploaded file, from sending its bytes to the verdict (or giving up). */
  fileScan(outcome: FileScanOutcome, seconds: number): void;
}

/** `clean`: stored; `quarantined`: flagged and refused; `unavailable`: no verdict, refused. */
export type FileScanOutcome = 'clean' | 'quarantined' | 'unavailable';

/** `delivered`: a 2xx; `retrying`: failed, another attempt is scheduled; `given_up`: failed, no attempt left. */
export type WebhookAttemptOutcome = 'delivered' | 'retrying' | 'given_up';

/** One queue as the metrics show it: how many conversations wait, and since when the oldest. */
export interface QueueGauge {
  queueId: string;
  queue: string;
  waiting: number;
  oldestWaitSeconds: number;
}

/** Metrics an HTTP endpoint can serve in a text exposition format. */
export interface ScrapedMetrics extends Metrics {
  readonly contentType: string;
  render(): Promise<string>;
  /** Read at each scrape (not counted as things happen): the queues' lengths and waits, from the store. */
  readQueuesWith(read: () => Promise<QueueGauge[]>): void;
}

const nothing = () => {};

export const noMetrics: Metrics = {
  socketOpened: nothing,
  socketClosed: nothing,
  frameIn: nothing,
  frameOut: nothing,
  frameHandled: nothing,
  storeCall: nothing,
  busPublish: nothing,
  invitation: nothing,
  offer: nothing,
  ruleEvaluations: nothing,
  sweep: nothing,
  takeover: nothing,
  webhookAttempt: nothing,
  fileScan: nothing,
};
