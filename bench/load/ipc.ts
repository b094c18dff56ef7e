/** Messages between run.ts and the processes it forks (node, echo server, client workers). */

export type ToNode =
  | { type: 'memory' }
  | { type: 'loop' }
  /** Report the page views the node has stored since it started. */
  | { type: 'page-views' }
  | { type: 'stop' }
  /** Report the process's CPU time between these wall-clock times (`cpu-window.ts`). */
  | { type: 'cpu-window'; from: number; to: number; windows: number }
  /** Report the process's CPU time so far (`cpu-window.ts`). */
  | { type: 'cpu-now' };
export type FromNode =
  | { type: 'ready'; port: number }
  | { type: 'memory'; rss: number; heapUsed: number }
  /** Event-loop delay since the previous `loop` request, in ms. */
  | { type: 'loop'; p50: number; p99: number; max: number }
  | { type: 'page-views'; count: number }
  /** `process.cpuUsage()` user + system over the window, in µs, and the window as the process timed it. */
  | { type: 'cpu'; micros: number; ms: number; perWindow: number[] }
  /** `process.cpuUsage()` user + system since the process started, in µs. */
  | { type: 'cpu-now'; micros: number };

export interface VisitorsJob {
  type: 'visitors';
  wsUrl: string;
  widgetKey: string;
  origin: string;
  count: number;
  /** Global index of this worker's first visitor (labels and pages). */
  first: number;
  localAddresses: string[];
}

/** Every visitor of the worker views the rule's page, spread evenly over `spreadMs`, starting at `startAt`. */
export interface PagesJob {
  type: 'pages';
  url: string;
  startAt: number;
  spreadMs: number;
  /** The rule's time-on-page threshold: due = page sent + this. */
  thresholdMs: number;
}

/**
 * One step of the page-view ramp: from `from` to `to`, this worker's visitors send page frames at
 * `ratePerSecond` in all. `probesPerSecond` of them are probes: a visitor of the worker's first `probes`, each
 * used once, views the rule's page (`offerUrl`) and waits for its invitation; the others view pages the rule
 * does not match (`otherUrl` with a counter), round robin over the rest of the worker's visitors.
 */
export interface PageRateJob {
  type: 'page-rate';
  from: number;
  to: number;
  ratePerSecond: number;
  probesPerSecond: number;
  /** Visitors kept for probes, the worker's first ones. */
  probes: number;
  offerUrl: string;
  otherUrl: string;
  thresholdMs: number;
}

export interface RelayJob {
  type: 'relay';
  /** `echo`: plain sockets to the echo server; `beckon`: simulated visitors chatting with agents. */
  mode: 'echo' | 'beckon';
  wsUrl: string;
  widgetKey: string;
  origin: string;
  count: number;
  first: number;
  localAddresses: string[];
}

/** After `relay-connected`: the worker's visitors start their chats. */
export interface OpenJob {
  type: 'open';
  /** Chats starting at the same time in this worker. */
  startConcurrency: number;
}

export interface MeasureJob {
  type: 'measure';
  /** Wall-clock window in which completed round trips are counted. */
  from: number;
  to: number;
  /** The window is also counted in this many equal sub-windows (medians per window, `BENCH_WINDOWS`). */
  windows: number;
  textBytes: number;
  /**
   * Messages a second from each connection, on a fixed schedule that does not wait for acks (an open loop, at a
   * load below saturation); each round trip is timed from its scheduled send. Without it, a closed loop.
   */
  pacePerSecond?: number;
}

export type ToWorker =
  | VisitorsJob
  | PagesJob
  | PageRateJob
  /** After the last step: every probe's invitation (or `waitMs` without one), then the results. */
  | { type: 'probes'; waitMs: number }
  | RelayJob
  | OpenJob
  | MeasureJob
  | { type: 'close' };

export type FromWorker =
  | { type: 'connected'; count: number; ms: number }
  | { type: 'pages-done'; shown: number; clientLateMs: number[]; serverLateMs: number[]; missing: number }
  /** A page-rate step sent: the page frames it sent, probes among them. */
  | { type: 'page-rate-done'; sent: number; probes: number }
  /** Every probe: when its page frame was sent, and its invitation's lateness (NaN when none came). */
  | { type: 'probes'; sentAt: number[]; clientLateMs: number[]; serverLateMs: number[] }
  /** `beckon` mode: the visitors are connected, no chat started yet. */
  | { type: 'relay-connected'; count: number; ms: number }
  | { type: 'relay-ready'; count: number; ms: number }
  | {
      type: 'measured';
      roundTrips: number;
      /** Round trips completed in each of the job's equal sub-windows. */
      perWindow: number[];
      rttMs: number[];
      rateLimited: number;
      errors: number;
      /** Paced runs: messages due in the window that were refused or never acknowledged. */
      lost?: number;
    }
  | { type: 'closed' }
  | { type: 'failed'; error: string };
