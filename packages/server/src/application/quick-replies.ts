import type { QuickReply, QuickReplyInput } from '@beckon/protocol';
import { fail } from '../domain/errors.ts';
import type { Services } from '../domain/services.ts';
import type { QuickReplyRow } from '../ports/store.ts';

const toQuickReply = ({ id, title, text }: QuickReplyRow): QuickReply => ({ id, title, text });

/** Quick replies: every role reads them (agents insert them); admins manage them. */
export class QuickReplies {
  constructor(private readonly s: Pick<Services, 'store' | 'ids' | 'clock'>) {}

  async list(): Promise<QuickReply[]> {
    return (await this.s.store.listQuickReplies()).map(toQuickReply);
  }

  async create(input: QuickReplyInput): Promise<QuickReply> {
    const row = { ...input, id: this.s.ids.next('qrp'), createdAt: this.s.clock.now() };
    await this.s.store.createQuickReply(row);
    return toQuickReply(row);
  }

  async update(id: string, input: QuickReplyInput): Promise<QuickReply> {
    const row = { ...input, id, createdAt: 0 };
    if (!(await this.s.store.updateQuickReply(row))) fail('NOT_FOUND', `No quick reply ${id}.`);
    return toQuickReply(row);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.s.store.deleteQuickReply(id))) fail('NOT_FOUND', `No quick reply ${id}.`);
  }
}
