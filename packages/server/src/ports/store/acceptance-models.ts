/** Each widget's acceptance model as stored (docs/smart-invitations.md): weights and counts, nothing per visitor. */
export interface AcceptanceModelRow {
  widgetId: string;
  /** The serialised model (acceptance-learner.ts reads and writes it). */
  model: string;
  /** 1 for the first write, then one more per write. */
  version: number;
  updatedAt: number;
}

export interface AcceptanceModelStore {
  getAcceptanceModel(widgetId: string): Promise<AcceptanceModelRow | undefined>;
  /**
   * Writes the model only if the stored version is still `row.version - 1` (none stored when `row.version` is 1),
   * and says whether it did: two nodes folding outcomes in at once never lose each other's.
   */
  saveAcceptanceModel(row: AcceptanceModelRow): Promise<boolean>;
}
