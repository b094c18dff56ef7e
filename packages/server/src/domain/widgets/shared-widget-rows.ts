import type { WidgetRow } from '../../ports/store.ts';

/**
 * One `WidgetRow` object per widget for the sockets a node holds. Every upgrade reads its widget afresh and the
 * visitor's session keeps what it read, so thousands of visitors of one widget held thousands of equal copies
 * (a few KiB each). A row equal to the last one read for its widget is answered with that one; a changed row
 * replaces it (sessions already open keep the row they got, as before). Shared rows must not be changed.
 */
export class SharedWidgetRows {
  private readonly rows = new Map<string, { json: string; row: WidgetRow }>();

  /** At most `max` widgets are remembered; the one read longest ago goes first. */
  constructor(private readonly max = 1000) {}

  share(row: WidgetRow): WidgetRow {
    const json = JSON.stringify(row);
    const known = this.rows.get(row.id);
    // Re-inserted, so the Map's order is the order of last use.
    this.rows.delete(row.id);
    const kept = known?.json === json ? known : { json, row };
    this.rows.set(row.id, kept);
    if (this.rows.size > this.max) this.rows.delete(this.rows.keys().next().value as string);
    return kept.row;
  }

  /** Widgets remembered (for tests). */
  get size(): number {
    return this.rows.size;
  }
}
