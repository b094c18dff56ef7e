import { LRUCache } from 'lru-cache';
import { deepFreeze } from './deep-freeze.ts';

/** Rows whose parsed form is kept; past this, the one read longest ago goes (a miss only costs a parse). */
const defaultMaxRows = 1000;

/**
 * One parsed row per stored row while its columns are unchanged, for rows read far more often than they change
 * and kept by many holders: the widget and its rules, which the rule check reads on every page view and every
 * due check. Parsed afresh each time (their JSON columns), each of 19,000 sessions held its own copy of the
 * widget (about 2 KiB) and every check left the widget and the rules behind as garbage. The stored columns are
 * the version: a row changed anywhere (another node, another connection) has other columns and is parsed again;
 * a parsed row is never answered for columns other than its own.
 *
 * Shared rows are frozen: a change by one holder would reach every other, and must be an error instead.
 */
export class ParsedRows<Stored extends { id: string }, Row> {
  private readonly rows: LRUCache<string, { stored: Stored; row: Row }>;

  constructor(
    private readonly parse: (stored: Stored) => Row,
    maxRows = defaultMaxRows,
  ) {
    this.rows = new LRUCache({ max: maxRows });
  }

  /** Rows parsed (for tests: a read of an unchanged row parses nothing). */
  parses = 0;

  parsed(stored: Stored): Row {
    const known = this.rows.get(stored.id);
    if (known && sameColumns(known.stored, stored)) return known.row;
    const kept = this.fresh(stored);
    this.rows.set(stored.id, kept);
    return kept.row;
  }

  private fresh(stored: Stored) {
    this.parses++;
    return { stored, row: deepFreeze(this.parse(stored)) };
  }
}

/** Column values as better-sqlite3 returns them: numbers, strings, null. */
function sameColumns(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(right);
  if (Object.keys(left).length !== keys.length) return false;
  for (const key of keys) if (left[key] !== right[key]) return false;
  return true;
}
