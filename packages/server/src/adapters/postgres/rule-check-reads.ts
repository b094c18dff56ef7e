import type { Selectable } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { InvitationRow, RuleCheckReads, RuleRow, WidgetRow } from '../../ports/store.ts';
import { invitationFromRow, ruleFromRow, toNumber, widgetFromRow } from '../sql/mappers.ts';
import type { InvitationsTable, RulesTable, WidgetsTable } from '../sql/schema.ts';
import type { Queryable } from './connection.ts';

/**
 * $1 widget, $2 visitor, $3 / $4 the widget's and its rules' keys as this node last read them, $5 the history's
 * start. The rule check's reads in one statement, so one snapshot. A key is an `md5` of the rows' text: the widget
 * and the rules come back only when their key differs from the one sent, so an unchanged configuration costs the
 * database a hash, not the rows, and the node no parsing.
 */
const readSql = `
  with w as (select md5(widgets::text) as key, widgets from widgets where id = $1),
  r as (select md5(coalesce(string_agg(rules::text, ',' order by id), '')) as key from rules where widget_id = $1)
  select
    (select key from w) as widget_key,
    (select row_to_json(w.widgets) from w where w.key is distinct from $3) as widget,
    (select key from r) as rules_key,
    (select coalesce(json_agg(rules order by rules.id), '[]') from rules, r
      where rules.widget_id = $1 and r.key is distinct from $4) as rules,
    exists (select 1 from conversations where visitor_id = $2 and status in ('waiting', 'active')) as open,
    exists (select 1 from invitations where visitor_id = $2 and status = 'shown') as shown,
    (select coalesce(json_agg(i order by i.created_at, i.id), '[]') from invitations i
      where i.visitor_id = $2 and i.created_at >= $5) as history`;

/** Parsed once per pooled connection under this name. */
const readStatementName = 'beckon_rule_check_1';

interface ReadRow {
  widget_key: string | null;
  widget: Selectable<WidgetsTable> | null;
  rules_key: string;
  rules: Selectable<RulesTable>[] | null;
  open: boolean;
  shown: boolean;
  history: Selectable<InvitationsTable>[];
}

interface Known {
  widgetKey: string;
  widget: WidgetRow;
  rulesKey: string;
  rules: RuleRow[];
}

/** Widgets whose configuration a node keeps; past it, the one kept longest goes. */
const maxKnown = 1_000;

/**
 * `Store.readRuleCheck` on PostgreSQL: one round trip where the shared path takes five (widget, open conversation,
 * shown invitation, rules, history), the common case on every page view and every due check.
 *
 * The node keeps the widget and rules it last read, with their keys, only to avoid parsing them again: the
 * database compares the keys at every check, so a change made on any node applies at the next check, with no
 * message between nodes and no window in which a stale rule could invite. The history's start depends on the
 * widget and rules: it is worked out from the kept ones (from 0 when none are kept, then filtered here); when the
 * answer brings changed ones that reach further back, the history is read again, alone.
 */
export class RuleCheckReader {
  private readonly known = new LRUCache<string, Known>({ max: maxKnown });

  constructor(
    private readonly pool: Queryable,
    private readonly listInvitations: (visitorId: string, since: number) => Promise<InvitationRow[]>,
  ) {}

  async read(
    widgetId: string,
    visitorId: string,
    since: (widget: WidgetRow, rules: readonly RuleRow[]) => number,
  ): Promise<RuleCheckReads> {
    const known = this.known.get(widgetId);
    const sentSince = known ? since(known.widget, known.rules) : 0;
    const { rows } = await this.pool.query<ReadRow>({
      name: readStatementName,
      text: readSql,
      values: [widgetId, visitorId, known?.widgetKey ?? null, known?.rulesKey ?? null, sentSince],
    });
    const row = rows[0]!;
    const busy = row.open || row.shown;
    if (row.widget_key === null) {
      this.known.delete(widgetId);
      return { rules: [], busy, history: [] };
    }
    const now = this.remember(widgetId, known, row);
    const from = since(now.widget, now.rules);
    const history =
      from >= sentSince
        ? row.history.filter((i) => toNumber(i.created_at) >= from).map(invitationFromRow)
        : await this.listInvitations(visitorId, from);
    return { widget: now.widget, rules: now.rules, busy, history };
  }

  /** The widget and rules as this answer has them: the kept ones where their keys still match. */
  private remember(widgetId: string, known: Known | undefined, row: ReadRow): Known {
    const widgetKey = row.widget_key!;
    const same = known?.widgetKey === widgetKey && known.rulesKey === row.rules_key;
    if (same) return known;
    const now: Known = {
      widgetKey,
      widget: known?.widgetKey === widgetKey ? known.widget : widgetFromRow(row.widget!),
      rulesKey: row.rules_key,
      rules: known?.rulesKey === row.rules_key ? known.rules : (row.rules ?? []).map(ruleFromRow),
    };
    this.known.set(widgetId, now);
    return now;
  }
}
