import { defaultRuleObjective, type Rule, type RuleObjective } from '@beckon/protocol';
import type { ConversationRow, InvitationRow, TrackedEvent } from '../../ports/store.ts';

/** A chat within this long after a (shown or held) invitation counts as "chatted" for the holdout test. */
export const chatWindowMs = 30 * 60_000;
const HOUR_MS = 3_600_000;

/** The rule's objective: what its optimised split maximises (the invitation accepted when it names none). */
export function objectiveOf(rule: Rule | undefined): RuleObjective {
  return rule?.split?.objective ?? defaultRuleObjective;
}

/** How long after an invitation its objective can still be reached (a chat's 30 minutes, an event's window). */
export function objectiveWindowMs(objective: RuleObjective): number {
  return objective.kind === 'event' ? objective.windowHours * HOUR_MS : chatWindowMs;
}

/** The names of the events the rules' objectives count, for one read of the store. */
export function objectiveEvents(rules: readonly Rule[]): string[] {
  const names = new Set<string>();
  for (const rule of rules) {
    const objective = objectiveOf(rule);
    if (objective.kind === 'event') names.add(objective.event);
  }
  return [...names];
}

/** Whether a time falls in [from, from + length). */
const within = (at: number, from: number, length: number) => at >= from && at < from + length;

/**
 * What happened after invitations, indexed once: the conversation each invitation opened, every visitor's chats
 * and tracked events. An objective is judged on these, for the optimiser's counts and for the report alike.
 */
export class ObjectiveFacts {
  private readonly chatOf = new Map<string, ConversationRow>();
  private readonly chatsByVisitor = new Map<string, ConversationRow[]>();
  private readonly eventsByVisitor = new Map<string, TrackedEvent[]>();

  constructor(conversations: readonly ConversationRow[], events: readonly TrackedEvent[] = []) {
    for (const conversation of conversations) {
      if (conversation.invitationId) this.chatOf.set(conversation.invitationId, conversation);
      const list = this.chatsByVisitor.get(conversation.visitorId) ?? [];
      list.push(conversation);
      this.chatsByVisitor.set(conversation.visitorId, list);
    }
    for (const event of events) {
      const list = this.eventsByVisitor.get(event.visitorId) ?? [];
      list.push(event);
      this.eventsByVisitor.set(event.visitorId, list);
    }
  }

  /** The conversation an invitation opened, if any. */
  chatFrom(invitationId: string): ConversationRow | undefined {
    return this.chatOf.get(invitationId);
  }

  /** Whether a shown invitation reached the objective: accepted, answered by an agent, or followed by the event. */
  reached(objective: RuleObjective, invitation: InvitationRow): boolean {
    if (objective.kind === 'accepted') return invitation.status === 'accepted';
    if (objective.kind === 'chat') return this.chatOf.get(invitation.id)?.acceptedAt !== undefined;
    return this.tracked(invitation.visitorId, objective, invitation.createdAt);
  }

  /**
   * Whether a visitor, invited or held at `at`, reached the objective as far as the holdout can tell: a held
   * visitor has no invitation to accept or answer, so it is any chat (`accepted`), a chat an agent answered
   * (`chat`) within 30 minutes, or the event within its window.
   */
  visitorReached(objective: RuleObjective, visitorId: string, at: number): boolean {
    if (objective.kind === 'event') return this.tracked(visitorId, objective, at);
    const chats = this.chatsByVisitor.get(visitorId) ?? [];
    return chats.some(
      (chat) =>
        within(chat.createdAt, at, chatWindowMs) &&
        (objective.kind === 'accepted' || chat.acceptedAt !== undefined),
    );
  }

  private tracked(visitorId: string, objective: RuleObjective & { kind: 'event' }, at: number): boolean {
    const length = objective.windowHours * HOUR_MS;
    return (this.eventsByVisitor.get(visitorId) ?? []).some(
      (event) => event.name === objective.event && within(event.at, at, length),
    );
  }
}

/** Visitors of the group, and how many reached the objective from their first invitation (or held one). */
export function visitorsReaching(
  invitations: readonly InvitationRow[],
  objective: RuleObjective,
  facts: ObjectiveFacts,
): { visitors: number; reached: number } {
  const firstByVisitor = new Map<string, number>();
  for (const invitation of invitations) {
    const first = firstByVisitor.get(invitation.visitorId);
    if (first === undefined || invitation.createdAt < first)
      firstByVisitor.set(invitation.visitorId, invitation.createdAt);
  }
  let reached = 0;
  for (const [visitorId, at] of firstByVisitor) if (facts.visitorReached(objective, visitorId, at)) reached++;
  return { visitors: firstByVisitor.size, reached };
}
