import type { ConversationState } from '../state/workspace-state.ts';

export function conversationName(conversation: ConversationState): string {
  const { detail } = conversation;
  return detail.customer.status === 'linked' && detail.customer.customer
    ? detail.customer.customer.name
    : detail.visitorName?.trim() || 'Visitor';
}

const statusLabels = { waiting: 'Waiting', active: 'Active', ended: 'Ended' } as const;

export function ConversationList(props: {
  conversations: ConversationState[];
  selectedId: string | undefined;
  onSelect(id: string): void;
}) {
  if (props.conversations.length === 0) {
    return <p className="muted empty">No open conversations.</p>;
  }
  return (
    <ul className="conversation-list" aria-label="Conversations">
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
              <span className={`status status-${status}`}>{statusLabels[status]}</span>
              {conversation.unread > 0 && (
                <span className="badge" data-testid="conversation-unread">
                  {conversation.unread}
                  <span className="visually-hidden"> unread</span>
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
