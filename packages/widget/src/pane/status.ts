import type { VisitorConversation } from '@beckon/protocol';
import { format, type PaneStrings } from '../i18n.ts';

/**
 * The status line: no conversation yet counts as waiting (the chat was just asked for). A waiting visitor sees
 * their place in the queue once the server has sent it, and the estimated wait when the server has one.
 */
export function statusText(
  conversation: VisitorConversation | undefined,
  strings: PaneStrings,
  queuePosition?: number,
  estimatedWaitSeconds?: number,
): string {
  switch (conversation?.status) {
    case 'active':
      return format(strings.statusActive, { agentName: conversation.agentName || strings.agentFallback });
    case 'ended':
      return strings.statusEnded;
    default:
      if (queuePosition === undefined) return strings.statusWaiting;
      return (
        format(strings.statusQueued, { position: queuePosition }) +
        (estimatedWaitSeconds === undefined
          ? ''
          : format(strings.statusEstimate, { minutes: Math.max(1, Math.ceil(estimatedWaitSeconds / 60)) }))
      );
  }
}
