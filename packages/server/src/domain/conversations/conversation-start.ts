import type { ConversationOrigin } from '@beckon/protocol';
import type { ConversationRow, InvitationRow } from '../../ports/store.ts';

/** What a new conversation records of how it started: its origin and the visitor's pre-chat answers. */

/** How the chat started: the accepted invitation's rule, page call or agent, else the visitor opened it. */
export function originOf(invitation: InvitationRow | undefined, inviterName?: string): ConversationOrigin {
  if (!invitation) return { kind: 'visitor' };
  if (invitation.source === 'page') return { kind: 'page' };
  if (invitation.source === 'agent') {
    const origin: ConversationOrigin = { kind: 'agent' };
    if (invitation.agentId) origin.agentId = invitation.agentId;
    if (inviterName) origin.agentName = inviterName;
    return origin;
  }
  const origin: ConversationOrigin = { kind: 'rule' };
  if (invitation.ruleId) origin.ruleId = invitation.ruleId;
  if (invitation.ruleName) origin.ruleName = invitation.ruleName;
  return origin;
}

/** Answers trimmed, empty ones left out; none at all is `undefined`. */
export function cleanPrechat(
  prechat: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!prechat) return undefined;
  const entries = Object.entries(prechat)
    .map(([k, v]) => [k, v.trim()] as const)
    .filter(([, v]) => v);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** A message left when nobody could answer: it waits for an agent however long the visitor is away. */
export function isLeftMessage(conversation: ConversationRow): boolean {
  return conversation.context.origin?.kind === 'left-message';
}
