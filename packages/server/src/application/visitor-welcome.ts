import type { VisitorServerFrame } from '@beckon/protocol';
import { isLeftMessage } from '../domain/conversations/conversation-start.ts';
import { invitationView } from '../domain/proactive/invitations.ts';
import { queuePositionOf } from '../domain/routing/queue-positions.ts';
import type { Services } from '../domain/services.ts';
import type { VisitorSession } from '../domain/visitors/visitor-session.ts';

/**
 * What a visitor who said hello is told first: its id (and secret when new), the widget's look, the open conversation with the messages after
 * `lastSeq`, the invitation showing (watched again for its deadline), then, while waiting, the queue position
 * at once rather than at the next queue change.
 */
export async function welcomeFrames(
  s: Services,
  session: VisitorSession,
  lastSeq: number,
  /** The secret of a visitor this hello created, told once. */
  secret?: string,
): Promise<VisitorServerFrame[]> {
  const { store } = s;
  const conversation = await store.findOpenConversation(session.visitorId);
  const agent = conversation?.agentId ? await store.getUser(conversation.agentId) : undefined;
  const readSeq = conversation?.agentId ? (await store.getReceipts(conversation.id)).agentRead : 0;
  const invitation = await store.findShownInvitation(session.visitorId);
  if (invitation) s.invitations.watch(invitation);
  const inviter = invitation?.agentId ? await store.getUser(invitation.agentId) : undefined;
  const widget = session.widget;
  const welcome: VisitorServerFrame = {
    type: 'welcome',
    visitorId: session.visitorId,
    ...(secret && { secret }),
    serverTime: s.clock.now(),
    widget: {
      name: widget.name,
      title: widget.title,
      color: widget.color,
      locale: widget.locale,
      prechatFields: widget.prechatFields,
      consentRequired: widget.consentRequired || undefined,
      hours: s.hours.status(widget),
      invitation: Object.keys(widget.invitationLook).length ? widget.invitationLook : undefined,
      sneakPeek: widget.sneakPeek || undefined,
    },
    conversation: conversation && {
      id: conversation.id,
      status: conversation.status,
      agentName: agent?.name,
      readSeq: readSeq || undefined,
      leftMessage: (conversation && isLeftMessage(conversation)) || undefined,
    },
    messages: conversation ? await store.listMessages(conversation.id, lastSeq) : [],
    invitation: invitation && invitationView(invitation, widget, session.language, inviter?.name),
  };
  if (conversation?.status !== 'waiting') return [welcome];
  // A left message waits for an e-mail answer, not its turn.
  if (isLeftMessage(conversation)) return [welcome];
  const frames: VisitorServerFrame[] = [welcome];
  const position = await queuePositionOf(store, conversation);
  if (position) frames.push(position);
  // Nobody can answer it: the widget offers the form in place of the position.
  if (!(await s.leftMessages.canAnswer(conversation.queueId, conversation.widgetId))) {
    frames.push({ type: 'leave.offer', conversationId: conversation.id });
  }
  return frames;
}
