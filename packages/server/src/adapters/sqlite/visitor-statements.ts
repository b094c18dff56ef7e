import type BetterSqlite3 from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { PageViewRow, RuleRow, VisitEventRow, VisitorRow, WidgetRow } from '../../ports/store.ts';
import { pageViewFromRow, ruleFromRow, visitorToRow, widgetFromRow } from '../sql/mappers.ts';
import { visitEventFromRow } from '../sql/queries/journeys.ts';
import type { PageViewsTable, RulesTable, VisitEventsTable, WidgetsTable } from '../sql/schema.ts';
import { ParsedRows } from './parsed-rows.ts';

/**
 * The queries of a visitor's arrival and departure (the socket upgrade's widget, the hello's visitor, secret,
 * journey so far and socket row) and the widget and rules every rule check reads, prepared once on the raw
 * better-sqlite3 connection and run synchronously, like the page view's (`HotStatements`). Every visitor says
 * hello again at once after a node restarts: through Kysely each hello built and compiled about ten queries.
 * Same SQL as the dialect-neutral queries (queries/visitors.ts, visitor-credentials.ts, presence.ts,
 * journeys.ts, widgets.ts, rules.ts). Callers hold Kysely's connection while they run them
 * (`SqliteStore.withConnection`).
 *
 * Statements are prepared on first use, after the migrations have created the tables.
 */
export class VisitorStatements {
  private prepared:
    | {
        insertVisitor: BetterSqlite3.Statement;
        updateVisitor: BetterSqlite3.Statement;
        insertSecretHash: BetterSqlite3.Statement;
        secretHash: BetterSqlite3.Statement;
        insertConnection: BetterSqlite3.Statement;
        notGone: BetterSqlite3.Statement;
        deleteConnection: BetterSqlite3.Statement;
        goneIfNoConnection: BetterSqlite3.Statement;
        widget: BetterSqlite3.Statement;
        widgetByKey: BetterSqlite3.Statement;
        rules: BetterSqlite3.Statement;
        pageViewsSince: BetterSqlite3.Statement;
        lastPageViewBefore: BetterSqlite3.Statement;
        visitEvents: BetterSqlite3.Statement;
      }
    | undefined;

  /** Each widget and rule parsed once while unchanged, and shared by the sessions that read it. */
  readonly widgets = new ParsedRows<Selectable<WidgetsTable>, WidgetRow>(widgetFromRow);
  readonly rules = new ParsedRows<Selectable<RulesTable>, RuleRow>(ruleFromRow, 10_000);

  constructor(private readonly database: BetterSqlite3.Database) {}

  private get statements() {
    this.prepared ??= {
      insertVisitor: this.database.prepare(
        'insert into "visitors" ("id", "widget_id", "created_at", "last_seen_at", "visit_count", "visit_started_at", "name", "customer_id") values (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      updateVisitor: this.database.prepare(
        'update "visitors" set "last_seen_at" = ?, "visit_count" = ?, "visit_started_at" = ?, "name" = ?, "customer_id" = ? where "id" = ?',
      ),
      insertSecretHash: this.database.prepare(
        'insert into "visitor_credentials" ("visitor_id", "secret_hash", "created_at") values (?, ?, ?) on conflict ("visitor_id") do nothing',
      ),
      secretHash: this.database.prepare(
        'select "secret_hash" from "visitor_credentials" where "visitor_id" = ?',
      ),
      insertConnection: this.database.prepare(
        'insert into "visitor_connections" ("node_id", "visitor_id") values (?, ?) on conflict ("node_id", "visitor_id") do nothing',
      ),
      notGone: this.database.prepare('update "visitors" set "gone_since" = null where "id" = ?'),
      deleteConnection: this.database.prepare(
        'delete from "visitor_connections" where "node_id" = ? and "visitor_id" = ?',
      ),
      goneIfNoConnection: this.database.prepare(
        'update "visitors" set "gone_since" = ? where "id" = ? and not exists (select "node_id" from "visitor_connections" where "visitor_id" = ?)',
      ),
      widget: this.database.prepare('select * from "widgets" where "id" = ?'),
      widgetByKey: this.database.prepare('select * from "widgets" where "key" = ?'),
      rules: this.database.prepare('select * from "rules" where "widget_id" = ? order by "id"'),
      pageViewsSince: this.database.prepare(
        'select * from "page_views" where "visitor_id" = ? and "at" >= ? order by "at", "id"',
      ),
      lastPageViewBefore: this.database.prepare(
        'select * from "page_views" where "visitor_id" = ? and "at" < ? order by "at" desc, "id" desc limit 1',
      ),
      visitEvents: this.database.prepare(
        'select * from "visit_events" where "visitor_id" = ? and "visit_started_at" = ? order by "at" desc limit ?',
      ),
    };
    return this.prepared;
  }

  /** `Store.createVisitor`. */
  createVisitor(visitor: VisitorRow): void {
    const r = visitorToRow(visitor);
    this.statements.insertVisitor.run(
      r.id,
      r.widget_id,
      r.created_at,
      r.last_seen_at,
      r.visit_count,
      r.visit_started_at,
      r.name,
      r.customer_id,
    );
  }

  /** `Store.updateVisitor`: the widget and first-seen time are facts of the visitor's creation. */
  updateVisitor(visitor: VisitorRow): void {
    const r = visitorToRow(visitor);
    this.statements.updateVisitor.run(
      r.last_seen_at,
      r.visit_count,
      r.visit_started_at,
      r.name,
      r.customer_id,
      r.id,
    );
  }

  /** `Store.setVisitorSecretHash`: the first hash stays; true if this call stored it. */
  setSecretHash(visitorId: string, secretHash: string, at: number): boolean {
    return this.statements.insertSecretHash.run(visitorId, secretHash, at).changes === 1;
  }

  /** `Store.getVisitorSecretHash`. */
  secretHash(visitorId: string): string | undefined {
    const row = this.statements.secretHash.get(visitorId) as { secret_hash: string } | undefined;
    return row?.secret_hash;
  }

  /** `Store.addVisitorConnection`, in one transaction. */
  addConnection(nodeId: string, visitorId: string): void {
    const { insertConnection, notGone } = this.statements;
    this.database.transaction(() => {
      insertConnection.run(nodeId, visitorId);
      notGone.run(visitorId);
    })();
  }

  /** `Store.removeVisitorConnection`, in one transaction. */
  removeConnection(nodeId: string, visitorId: string, at: number): void {
    const { deleteConnection, goneIfNoConnection } = this.statements;
    this.database.transaction(() => {
      deleteConnection.run(nodeId, visitorId);
      goneIfNoConnection.run(at, visitorId, visitorId);
    })();
  }

  /** `Store.getWidget`: read every time, parsed only when its columns changed. */
  widget(id: string): WidgetRow | undefined {
    const stored = this.statements.widget.get(id) as Selectable<WidgetsTable> | undefined;
    return stored && this.widgets.parsed(stored);
  }

  /** `Store.getWidgetByKey`, as `widget`. */
  widgetByKey(key: string): WidgetRow | undefined {
    const stored = this.statements.widgetByKey.get(key) as Selectable<WidgetsTable> | undefined;
    return stored && this.widgets.parsed(stored);
  }

  /** `Store.listRules`, each rule as `widget`. */
  listRules(widgetId: string): RuleRow[] {
    const stored = this.statements.rules.all(widgetId) as Selectable<RulesTable>[];
    return stored.map((row) => this.rules.parsed(row));
  }

  /** `Store.listPageViews`. */
  pageViews(visitorId: string, since: number): PageViewRow[] {
    return (this.statements.pageViewsSince.all(visitorId, since) as Selectable<PageViewsTable>[]).map(
      pageViewFromRow,
    );
  }

  /** `Store.lastPageViewBefore`. */
  lastPageViewBefore(visitorId: string, before: number): PageViewRow | undefined {
    const row = this.statements.lastPageViewBefore.get(visitorId, before) as
      | Selectable<PageViewsTable>
      | undefined;
    return row && pageViewFromRow(row);
  }

  /** `Store.listVisitEvents`: the latest `limit`, oldest first. */
  visitEvents(visitorId: string, visitStartedAt: number, limit: number): VisitEventRow[] {
    const rows = this.statements.visitEvents.all(
      visitorId,
      visitStartedAt,
      limit,
    ) as Selectable<VisitEventsTable>[];
    return rows.reverse().map(visitEventFromRow);
  }
}
