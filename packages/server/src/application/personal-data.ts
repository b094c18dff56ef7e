import { createHash } from 'node:crypto';
import type { ErasureResult, PersonalDataExport } from '@beckon/protocol';
import { fail } from '../domain/errors.ts';
import type { Services } from '../domain/services.ts';
import type { DataSubject, UserRow } from '../ports/store.ts';

export type SubjectRef = { type: 'customer' | 'visitor'; id: string };

/**
 * How the audit trail names a person: a digest of the id, not the id, so that no trace of an erased person's
 * identifiers is left in any table, while an admin who knows the id can still find the entries about it.
 */
export function subjectDigest(ref: SubjectRef): string {
  return `sha256:${createHash('sha256').update(`${ref.type}:${ref.id}`).digest('hex').slice(0, 32)}`;
}

/**
 * The data-subject requests an admin makes for one person: an export of everything held, or its erasure
 * everywhere. Both are recorded in the audit trail (ids and counts only); from the command line (`beckon export`,
 * `beckon erase`) there is no acting user, as for the other commands.
 */
export class PersonalDataRequests {
  constructor(
    private readonly s: Pick<Services, 'store' | 'clock' | 'audit' | 'conversations' | 'fanout' | 'files'>,
  ) {}

  async export(admin: UserRow | null, ref: SubjectRef): Promise<PersonalDataExport> {
    const subject = await this.subject(ref);
    const data = await this.s.store.collectPersonalData(subject);
    await this.s.audit.record({
      actorId: admin?.id ?? null,
      action: `${ref.type}.exported`,
      targetType: ref.type,
      targetId: subjectDigest(ref),
    });
    return {
      exportedAt: this.s.clock.now(),
      subject: ref,
      customer: data.customer ? { ...data.customer } : null,
      visitors: data.visitors.map((v) => ({ ...v })),
      identityLinks: data.visitors.flatMap((v) =>
        v.customerId ? [{ visitorId: v.id, customerId: v.customerId }] : [],
      ),
      pageViews: data.pageViews.map((v) => ({ ...v })),
      events: data.events.map((e) => ({ ...e })),
      invitations: data.invitations.map((i) => ({ ...i })),
      conversations: data.conversations.map((c) => ({ ...c })),
      surveys: data.surveys.map((s) => ({ ...s })),
      wrapUps: data.wrapUps.map((w) => ({ ...w })),
      leftMessages: data.leftMessages.map((m) => ({ ...m })),
      // What is known of each file; an admin downloads the bytes by id (GET /v1/files/:id).
      files: data.files.map((f) => ({ ...f })),
    };
  }

  async erase(admin: UserRow | null, ref: SubjectRef): Promise<ErasureResult> {
    const subject = await this.subject(ref);
    // Open chats end first: the agent is told, and nothing is written to a conversation being erased.
    for (const visitorId of subject.visitorIds) {
      const open = await this.s.store.findOpenConversation(visitorId);
      if (open) await this.s.conversations.endForErasure(open);
    }
    // The files' bytes first (they are outside the database); the erasure below deletes their rows.
    await this.s.files.eraseBytesOfVisitors(subject.visitorIds);
    const erased = await this.s.store.erasePersonalData(subject);
    // Their open sockets close on every node: a tab left open would otherwise keep writing page views.
    if (subject.visitorIds.length > 0) await this.s.fanout.visitorsErased({ visitorIds: subject.visitorIds });
    await this.s.audit.record({
      actorId: admin?.id ?? null,
      action: `${ref.type}.erased`,
      targetType: ref.type,
      targetId: subjectDigest(ref),
      details: { ...erased },
    });
    return { erased };
  }

  private async subject(ref: SubjectRef): Promise<DataSubject> {
    if (ref.type === 'visitor') {
      if (!(await this.s.store.getVisitor(ref.id))) fail('NOT_FOUND', `No visitor ${ref.id}.`);
      return { visitorIds: [ref.id] };
    }
    if (!(await this.s.store.getCustomer(ref.id))) fail('NOT_FOUND', `No customer ${ref.id}.`);
    return { customerId: ref.id, visitorIds: await this.s.store.visitorIdsOfCustomer(ref.id) };
  }
}
