import type { VisitorConversation } from '@beckon/protocol';
import { format, type PaneStrings } from '../i18n.ts';

/**
 * The status line: no conversation yet counts as waiting (the chat was just asked for). A waiting visitor sees
 * their place in the queue once the server has sent it.
 */
export function statusText(
  conversation: VisitorConversation | undefined,
  strings: PaneStrings,
  queuePosition?: number,
): string {
  switch (conversation?.status) {
    case 'active':
      return format(strings.statusActive, { agentName: conversation.agentName || strings.agentFallback });
    case 'ended':
      return strings.statusEnded;
    default:
      return queuePosition === undefined
        ? strings.statusWaiting
        : format(strings.statusQueued, { position: queuePosition });
  }
}
