/** Visitors of a widget: who they are and how far their current visit goes (their journey is in journeys.ts). */

export interface VisitorRow {
  id: string;
  widgetId: string;
  createdAt: number;
  lastSeenAt: number;
  /** Number of visits so far, the current one included. A visit ends after 30 minutes without activity. */
  visitCount: number;
  visitStartedAt: number;
  name?: string;
  customerId?: string;
}

export interface VisitorStore {
  createVisitor(visitor: VisitorRow): Promise<void>;
  getVisitor(id: string): Promise<VisitorRow | undefined>;
  updateVisitor(visitor: VisitorRow): Promise<void>;
}

/** A visitor's secret credential, stored only as its hash (SHA-256, hex). */
export interface VisitorCredentialStore {
  /** Stores the hash of a visitor's secret only if the visitor has none yet; true if this call stored it. */
  setVisitorSecretHash(visitorId: string, secretHash: string, at: number): Promise<boolean>;
  getVisitorSecretHash(visitorId: string): Promise<string | undefined>;
}
