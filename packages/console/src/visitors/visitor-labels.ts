import type { LiveVisitor } from '@beckon/protocol';
import type { VisitorsStrings } from './visitors-strings.ts';

/** How the list names a visitor: the matched customer, else a short form of the id. */
export function visitorName(visitor: LiveVisitor): string {
  return visitor.customer?.name || visitor.customer?.email || `#${visitor.id.slice(-6)}`;
}

export function stateLabel(visitor: LiveVisitor, t: VisitorsStrings): string {
  const invitation = visitor.invitation;
  if (visitor.state === 'invited' && invitation) {
    return invitation.source === 'agent' ? t.invitedBy(invitation.agentName ?? '?') : t.invitedByRule;
  }
  return t.states[visitor.state];
}
