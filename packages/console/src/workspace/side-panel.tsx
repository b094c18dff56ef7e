import type { CustomerMatch } from '@beckon/protocol';
import { type KeyboardEvent, useState } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import type { ConversationState } from '../state/workspace-state.ts';
import { CustomerPanel } from './customer-panel.tsx';
import { DetailsPanel } from './details-panel.tsx';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

type Tab = 'customer' | 'details';
const tabs: { id: Tab; label: string }[] = [
  { id: 'customer', label: t.customerTab },
  { id: 'details', label: t.detailsTab },
];

/** The right-hand panel: a tab list (arrow keys move between tabs, as the ARIA pattern asks). */
export function SidePanel(props: {
  conversation: ConversationState;
  /** Admins may export or erase the linked customer from the panel. */
  admin: boolean;
  onLinked(match: CustomerMatch): void;
}) {
  const [tab, setTab] = useState<Tab>('customer');
  const { detail } = props.conversation;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = tab === 'customer' ? 'details' : 'customer';
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  }

  return (
    <aside className="side-panel" aria-label={t.visitorPanel}>
      <div role="tablist" aria-label={t.visitorInformation} className="tabs" onKeyDown={onKeyDown}>
        {tabs.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            id={`tab-${entry.id}`}
            data-testid={`tab-${entry.id}`}
            aria-selected={tab === entry.id}
            aria-controls={`tabpanel-${entry.id}`}
            tabIndex={tab === entry.id ? 0 : -1}
            onClick={() => setTab(entry.id)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'customer' ? (
          <CustomerPanel
            key={detail.id}
            conversationId={detail.id}
            match={detail.customer}
            admin={props.admin}
            onLinked={props.onLinked}
          />
        ) : (
          <DetailsPanel context={detail.context} startedAt={detail.createdAt} />
        )}
      </div>
    </aside>
  );
}
