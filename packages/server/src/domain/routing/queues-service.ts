import {
  type QueueDetail,
  type QueueInput,
  type QueuePatch,
  queueInputSchema,
  queuePatchSchema,
} from '@beckon/protocol';
import type { Ids } from '../../ports/ids.ts';
import type { QueueRow, Store } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import { parseOrFail } from '../validation.ts';
import type { RoutingService } from './routing-service.ts';

/** Admin-managed queues: settings and member agents. Joining members may take waiting work at once. */
export class QueuesService {
  constructor(
    private readonly store: Store,
    private readonly ids: Ids,
    private readonly routing: RoutingService,
  ) {}

  async list(): Promise<QueueDetail[]> {
    const queues = [];
    for (const queue of await this.store.listQueues()) queues.push(await this.detail(queue));
    return queues;
  }

  async get(id: string): Promise<QueueDetail> {
    return this.detail(await this.row(id));
  }

  async create(input: QueueInput): Promise<QueueDetail> {
    const { memberIds, ...settings } = parseOrFail(queueInputSchema, input);
    await this.requireUsers(memberIds);
    const queue: QueueRow = { id: this.ids.next('que'), ...settings };
    await this.store.createQueue(queue);
    await this.store.setQueueMembers(queue.id, memberIds);
    return this.detail(queue);
  }

  async update(id: string, patch: QueuePatch): Promise<QueueDetail> {
    const { memberIds, offerTimeoutSeconds, ...changes } = parseOrFail(queuePatchSchema, patch);
    const current = await this.row(id);
    const next: QueueRow = { ...current };
    if (changes.name !== undefined) next.name = changes.name;
    if (changes.assignmentMethod !== undefined) next.assignmentMethod = changes.assignmentMethod;
    if (changes.autoAssign !== undefined) next.autoAssign = changes.autoAssign;
    if (offerTimeoutSeconds === null) delete next.offerTimeoutSeconds;
    else if (offerTimeoutSeconds !== undefined) next.offerTimeoutSeconds = offerTimeoutSeconds;
    await this.store.updateQueue(next);
    if (memberIds) {
      await this.requireUsers(memberIds);
      await this.store.setQueueMembers(id, memberIds);
    }
    // New members, or a switch to auto-assign, may take waiting work now.
    await this.routing.dispatchQueue(id);
    return this.detail(next);
  }

  async delete(id: string): Promise<void> {
    await this.row(id);
    const widgets = (await this.store.listWidgets()).filter((widget) => widget.queueId === id);
    if (widgets.length > 0) {
      fail('CONFLICT', 'Widgets route to this queue; point them at another queue first.', {
        widgetIds: widgets.map((widget) => widget.id),
      });
    }
    if ((await this.store.listWaitingConversations(id)).length > 0) {
      fail('CONFLICT', 'Visitors are waiting in this queue.');
    }
    await this.store.deleteQueue(id);
  }

  /** Adds one agent to a queue (an "agent joins the queue" routing trigger). */
  async addMember(id: string, userId: string): Promise<QueueDetail> {
    await this.row(id);
    await this.requireUsers([userId]);
    await this.store.addQueueMember(id, userId);
    await this.routing.dispatchQueue(id);
    return this.get(id);
  }

  private async row(id: string): Promise<QueueRow> {
    return (await this.store.getQueue(id)) ?? fail('NOT_FOUND', `No queue ${id}.`);
  }

  private async detail(queue: QueueRow): Promise<QueueDetail> {
    return { ...queue, memberIds: await this.store.listQueueMembers(queue.id) };
  }

  private async requireUsers(userIds: string[]): Promise<void> {
    for (const userId of userIds) {
      if (!(await this.store.getUser(userId))) {
        fail('VALIDATION_FAILED', `No user ${userId}.`, { memberIds: userId });
      }
    }
  }
}
