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
}

/** Metrics an HTTP endpoint can serve in a text exposition format. */
export interface ScrapedMetrics extends Metrics {
  readonly contentType: string;
  render(): Promise<string>;
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
};
