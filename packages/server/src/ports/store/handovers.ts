/** A chat-window handover: the opener's socket asked for it, the window presents its token once. */
export interface HandoverRow {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  tokenHash: string;
  visitorId: string;
  widgetId: string;
  /** The origin of the page whose socket asked for it: the window's opener must be that page. */
  origin: string;
  expiresAt: number;
}

export interface HandoverStore {
  /** Stores a handover, and drops the ones that expired before `now` (so the table stays small). */
  createHandover(handover: HandoverRow, now: number): Promise<void>;
  /** Removes and returns the handover, whatever its expiry: of concurrent calls for one token, only one gets it. */
  takeHandover(tokenHash: string): Promise<HandoverRow | undefined>;
}
