/**
 * Cross-node fan-out of realtime events. Delivery is best effort (Redis pub/sub may drop): anything that must not
 * be lost is in the store first, and clients refill gaps from it by sequence number.
 */
export interface BusEvent {
  /** e.g. `visitor:<id>`, `agent:<id>`, `conversation:<id>`. */
  topic: string;
  payload: unknown;
}

export interface Bus {
  publish(topic: string, payload: unknown): Promise<void>;
  /**
   * As `publish` to each topic in turn, the payload serialised once (a chat message goes to the visitor's, the
   * agent's and the watchers' topics).
   */
  publishToEach(topics: readonly string[], payload: unknown): Promise<void>;
  /** Returns an unsubscribe function. Handlers of one topic run in publish order. */
  subscribe(topic: string, handler: (payload: unknown) => void): Promise<() => Promise<void>>;
  /**
   * As `subscribe`, but the handler gets the payload's JSON text, unparsed: a socket can forward a frame as it
   * came, without parsing it and serialising it again. Same order and delivery guarantees as `subscribe`.
   */
  subscribeText(topic: string, handler: (text: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** Resolves when the bus can carry events now (readiness); rejects otherwise, within about a second. */
  ping(): Promise<void>;
}
