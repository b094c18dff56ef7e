import { LRUCache } from 'lru-cache';
import type { WidgetRow } from '../../ports/store.ts';

/**
 * One `WidgetRow` object per widget for the sockets a node holds. Every upgrade reads its widget afresh and the
 * visitor's session keeps what it read, so thousands of visitors of one widget held thousands of equal copies
 * (a few KiB each). A row equal to the last one read for its widget is answered with that one; a changed row
 * replaces it (sessions already open keep the row they got, as before). Shared rows must not be changed.
 */
export class SharedWidgetRows {
  private readonly rows: LRUCache<string, { json: string; row: WidgetRow }>;

  /** At most `max` widgets are remembered; the one read longest ago goes first. */
  constructor(max = 1000) {
    this.rows = new LRUCache({ max });
  }

  share(row: WidgetRow): WidgetRow {
    const json = JSON.stringify(row);
    const known = this.rows.get(row.id);
    if (known?.json === json) return known.row;
    this.rows.set(row.id, { json, row });
    return row;
  }

  /** Widgets remembered (for tests). */
  get size(): number {
    return this.rows.size;
  }
}
