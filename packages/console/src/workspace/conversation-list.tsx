import { messagesOf } from '../i18n/messages.ts';
import type { ConversationState } from '../state/workspace-state.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

export function conversationName(conversation: ConversationState): string {
  const { detail } = conversation;
  return detail.customer.status === 'linked' && detail.customer.customer
    ? detail.customer.customer.name
    : detail.visitorName?.trim() || t.visitor;
}

export function ConversationList(props: {
  conversations: ConversationState[];
  selectedId: string | undefined;
  onSelect(id: string): void;
}) {
  if (props.conversations.length === 0) {
    return <p className="muted empty">{t.noConversations}</p>;
  }
  return (
    <ul className="conversation-list" aria-label={t.conversations}>
      {props.conversations.map((conversation) => {
        const { id, status } = conversation.detail;
        const selected = id === props.selectedId;
        return (
          <li key={id}>
            <button
              type="button"
              data-testid="conversation-item"
              data-status={status}
              className={selected ? 'conversation-item selected' : 'conversation-item'}
              aria-current={selected ? 'true' : undefined}
              onClick={() => props.onSelect(id)}
            >
              <span className="name">{conversationName(conversation)}</span>
              <span className={`status status-${status}`}>{t.status(status)}</span>
              {conversation.detail.context.origin?.kind === 'left-message' && (
                <span className="status status-left" data-testid="conversation-left-message">
                  {t.leftMessage}
                </span>
              )}
              {conversation.unread > 0 && (
                <span className="badge" data-testid="conversation-unread">
                  {conversation.unread}
                  <span className="visually-hidden"> {t.unread}</span>
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
