import type { VisitorConversation } from '@beckon/protocol';
import { format, type PaneStrings } from '../i18n.ts';

/** The status line: no conversation yet counts as waiting (the chat was just asked for). */
export function statusText(conversation: VisitorConversation | undefined, strings: PaneStrings): string {
  switch (conversation?.status) {
    case 'active':
      return format(strings.statusActive, { agentName: conversation.agentName || strings.agentFallback });
    case 'ended':
      return strings.statusEnded;
    default:
      return strings.statusWaiting;
  }
}
