import { randomBytes } from 'node:crypto';
import {
  type Queue,
  type Rule,
  type RuleInput,
  ruleInputSchema,
  type Widget,
  type WidgetInput,
  type WidgetPatch,
  widgetInputSchema,
  widgetPatchSchema,
} from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store, WidgetRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { recordRuleVersion } from '../proactive/rule-history.ts';
import { parseOrFail } from '../validation.ts';
import { narrowsAccess } from './widget-access.ts';

export function toWidget(row: WidgetRow): Widget {
  const { identitySecret: _secret, createdAt: _createdAt, ...rest } = row;
  return rest;
}

/** Widgets, their queues and their rules: the admin-managed configuration. */
export class WidgetsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly fanout: Pick<Fanout, 'widgetAccessChanged'>,
  ) {}

  async list(): Promise<Widget[]> {
    return (await this.store.listWidgets()).map(toWidget);
  }

  async get(id: string): Promise<WidgetRow> {
    return (await this.store.getWidget(id)) ?? fail('NOT_FOUND', `No widget ${id}.`);
  }

  async create(input: WidgetInput, key?: string): Promise<WidgetRow> {
    const data = parseOrFail(widgetInputSchema, input);
    await this.requireQueue(data.queueId);
    const row: WidgetRow = {
      ...data,
      id: this.ids.next('wgt'),
      key: key ?? randomBytes(9).toString('base64url'),
      createdAt: this.clock.now(),
    };
    await this.store.createWidget(row);
    return row;
  }

  async update(id: string, patch: WidgetPatch): Promise<WidgetRow> {
    const data = parseOrFail(widgetPatchSchema, patch);
    const current = await this.get(id);
    if (data.queueId) await this.requireQueue(data.queueId);
    const next: WidgetRow = { ...current };
    for (const [field, value] of Object.entries(data)) {
      if (value !== undefined) (next as unknown as Record<string, unknown>)[field] = value;
    }
    await this.store.updateWidget(next);
    if (narrowsAccess(current, next)) {
      await this.fanout.widgetAccessChanged({
        widgetId: next.id,
        enabled: next.enabled,
        allowedOrigins: next.allowedOrigins,
      });
    }
    return next;
  }

  async queues(): Promise<Queue[]> {
    return this.store.listQueues();
  }

  async rules(widgetId: string): Promise<Rule[]> {
    await this.get(widgetId);
    return this.store.listRules(widgetId);
  }

  async getRule(id: string): Promise<Rule> {
    return (await this.store.getRule(id)) ?? fail('NOT_FOUND', `No rule ${id}.`);
  }

  /** `userId`: the admin making the change, recorded in the rule's version history. */
  async createRule(widgetId: string, input: RuleInput, userId?: string): Promise<Rule> {
    await this.get(widgetId);
    const data = parseOrFail(ruleInputSchema, input);
    if (data.queueId) await this.requireQueue(data.queueId);
    const rule: Rule = { ...data, id: this.ids.next('rul'), widgetId, updatedAt: this.clock.now() };
    await this.store.createRule(rule);
    await recordRuleVersion(this.store, { after: rule, userId, at: rule.updatedAt });
    return rule;
  }

  async updateRule(id: string, input: RuleInput, userId?: string): Promise<Rule> {
    const data = parseOrFail(ruleInputSchema, input);
    if (data.queueId) await this.requireQueue(data.queueId);
    for (let attempt = 1; ; attempt++) {
      const current = await this.getRule(id);
      // Strictly increasing, and written only over the content it was computed from: (id, updatedAt) names
      // one content on every node, since the proactive path caches compiled rules by it. Two saves at once
      // (two admins, two nodes, the same millisecond): the second sees the first's row and goes after it.
      const updatedAt = Math.max(this.clock.now(), current.updatedAt + 1);
      const rule: Rule = { ...data, id, widgetId: current.widgetId, updatedAt };
      if (await this.store.updateRule(rule, current.updatedAt)) {
        await recordRuleVersion(this.store, { before: current, after: rule, userId, at: this.clock.now() });
        return rule;
      }
      if (attempt >= maxSaveAttempts) fail('CONFLICT', 'The rule is being saved by someone else; try again.');
    }
  }

  async deleteRule(id: string, userId?: string): Promise<void> {
    const current = await this.getRule(id);
    await this.store.deleteRule(id);
    await recordRuleVersion(this.store, { before: current, userId, at: this.clock.now() });
  }

  /** Draft → published, or back; only published rules run for live visitors. */
  async setRuleStatus(id: string, status: 'draft' | 'published', userId?: string): Promise<Rule> {
    const current = await this.getRule(id);
    const { id: _id, widgetId: _widgetId, updatedAt: _updatedAt, ...input } = current;
    return this.updateRule(id, { ...input, status }, userId);
  }

  private async requireQueue(queueId: string): Promise<void> {
    const queues = await this.store.listQueues();
    if (!queues.some((q) => q.id === queueId)) fail('VALIDATION_FAILED', `No queue ${queueId}.`, { queueId });
  }
}

/** Concurrent saves of one rule are a handful of admins at most; each retry re-reads and goes after the last. */
const maxSaveAttempts = 8;
