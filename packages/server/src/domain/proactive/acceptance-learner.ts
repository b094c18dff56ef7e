import {
  AcceptanceModel,
  defaultModelSettings,
  type Feature,
  journeyFeatures,
  type ModelSettings,
  type Prediction,
  type VisitorFacts,
} from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { AcceptanceModelStore, WidgetRow } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';

const flushKey = 'acceptance-model-flush';
/** Outcomes wait in memory at most this long before they are folded into the stored model. */
export const learnFlushMs = 30_000;
/** A node re-reads a widget's stored model at most this often (other nodes' outcomes show up within it). */
const refreshMs = 60_000;
/** Bounds on what waits in memory: shown invitations awaiting their outcome, outcomes awaiting a flush. */
const maxShown = 20_000;
const maxQueued = 5_000;
/** An invitation closes within a minute (its expiry); one still unanswered after this closed on another node. */
const shownForgetMs = 10 * 60_000;

interface Known {
  model: AcceptanceModel;
  version: number;
  readAt: number;
}

interface QueuedOutcome {
  widgetId: string;
  features: Feature[];
  accepted: boolean;
}

export function serialiseModel(model: AcceptanceModel): string {
  const weights = Buffer.from(new Float32Array(model.weights).buffer).toString('base64');
  return JSON.stringify({ outcomes: model.outcomes, accepted: model.accepted, weights });
}

export function parseModel(text: string, settings: ModelSettings): AcceptanceModel {
  const parsed = JSON.parse(text) as { outcomes: number; accepted: number; weights: string };
  const bytes = Buffer.from(parsed.weights, 'base64');
  const weights = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return new AcceptanceModel(settings, { weights, outcomes: parsed.outcomes, accepted: parsed.accepted });
}

/**
 * Each widget's acceptance model on this node: predictions from a copy at most a minute old (no query on the
 * page-view path beyond one read per widget per minute), and learning off that path. The node that shows a rule
 * invitation keeps its features (in memory, bounded) until it closes there — accepted, dismissed or expired — then
 * queues the outcome; every 30 seconds the queued outcomes are folded into the stored model (read, SGD steps,
 * write over the version read, again on a conflict), so every node's outcomes land in one model and a restart
 * keeps it. An invitation that closes on another node than the one that showed it is not learnt from.
 */
export class AcceptanceLearner {
  private readonly known = new Map<string, Known>();
  private readonly shown = new Map<string, { widgetId: string; features: Feature[]; at: number }>();
  private queued: QueuedOutcome[] = [];

  constructor(
    private readonly store: AcceptanceModelStore,
    private readonly clock: Clock,
    private readonly deadlines: Deadlines,
    readonly settings: ModelSettings = defaultModelSettings,
  ) {}

  /** The features of this visitor at `at`, in the widget's time zone (its operating hours'). */
  features(widget: WidgetRow, facts: VisitorFacts, at: number): Feature[] {
    return journeyFeatures(facts, at, widget.operatingHours?.timeZone);
  }

  /** Reads the widget's stored model when this node's copy is over a minute old. */
  async prepare(widgetId: string): Promise<void> {
    const now = this.clock.now();
    const known = this.known.get(widgetId);
    if (known && now - known.readAt < refreshMs) return;
    await this.read(widgetId, now);
  }

  /** The widget's model as this node last read it (prepare first). */
  model(widgetId: string): AcceptanceModel | undefined {
    return this.known.get(widgetId)?.model;
  }

  /** The prediction for this visitor at `at`, or undefined when the model is not ready (or the switch is off). */
  predict(widget: WidgetRow, facts: VisitorFacts, at: number): Prediction | undefined {
    const model = this.known.get(widget.id)?.model;
    if (!widget.smartInvitations || !model?.ready) return undefined;
    return model.predict(this.features(widget, facts, at));
  }

  /** A rule invitation was shown: its outcome will be learnt from if it closes on this node. */
  rememberShown(invitationId: string, widgetId: string, features: Feature[]): void {
    if (this.shown.size >= maxShown) this.forgetOld(this.clock.now(), true);
    this.shown.set(invitationId, { widgetId, features, at: this.clock.now() });
  }

  /** An invitation closed; one this node showed becomes an outcome to learn from. */
  closed(invitationId: string, status: 'accepted' | 'dismissed' | 'expired'): void {
    const shown = this.shown.get(invitationId);
    if (!shown) return;
    this.shown.delete(invitationId);
    if (this.queued.length >= maxQueued) this.queued.shift();
    this.queued.push({ widgetId: shown.widgetId, features: shown.features, accepted: status === 'accepted' });
    if (this.deadlines.dueAt(flushKey) === undefined) {
      this.deadlines.arm(flushKey, this.clock.now() + learnFlushMs, () => this.flush());
    }
  }

  /** Folds the queued outcomes into each widget's stored model. */
  async flush(): Promise<void> {
    this.deadlines.cancel(flushKey);
    const now = this.clock.now();
    this.forgetOld(now, false);
    const byWidget = new Map<string, QueuedOutcome[]>();
    for (const outcome of this.queued) {
      const list = byWidget.get(outcome.widgetId) ?? [];
      list.push(outcome);
      byWidget.set(outcome.widgetId, list);
    }
    this.queued = [];
    for (const [widgetId, outcomes] of byWidget) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const known = attempt === 0 ? this.known.get(widgetId) : undefined;
        const base = known ?? (await this.read(widgetId, now));
        const model = new AcceptanceModel(this.settings, base.model);
        for (const outcome of outcomes) model.learn(outcome);
        const version = base.version + 1;
        if (
          await this.store.saveAcceptanceModel({
            widgetId,
            model: serialiseModel(model),
            version,
            updatedAt: now,
          })
        ) {
          this.known.set(widgetId, { model, version, readAt: base.readAt });
          break;
        }
      }
    }
  }

  private async read(widgetId: string, now: number): Promise<Known> {
    const row = await this.store.getAcceptanceModel(widgetId);
    const known: Known = row
      ? { model: parseModel(row.model, this.settings), version: row.version, readAt: now }
      : { model: new AcceptanceModel(this.settings), version: 0, readAt: now };
    this.known.set(widgetId, known);
    return known;
  }

  private forgetOld(now: number, evenRecent: boolean): void {
    for (const [id, shown] of this.shown) {
      if (now - shown.at > shownForgetMs || evenRecent) this.shown.delete(id);
      if (evenRecent && this.shown.size < maxShown / 2) return;
    }
  }
}
