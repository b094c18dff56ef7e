import type { CustomerMatch } from '@beckon/protocol';
import { type KeyboardEvent, useState } from 'react';
import type { ConversationState } from '../state/workspace-state.ts';
import { CustomerPanel } from './customer-panel.tsx';
import { DetailsPanel } from './details-panel.tsx';

type Tab = 'customer' | 'details';
const tabs: { id: Tab; label: string }[] = [
  { id: 'customer', label: 'Customer' },
  { id: 'details', label: 'Additional details' },
];

/** The right-hand panel: a tab list (arrow keys move between tabs, as the ARIA pattern asks). */
export function SidePanel(props: { conversation: ConversationState; onLinked(match: CustomerMatch): void }) {
  const [tab, setTab] = useState<Tab>('customer');
  const { detail } = props.conversation;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = tab === 'customer' ? 'details' : 'customer';
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  }

  return (
    <aside className="side-panel" aria-label="Visitor">
      <div role="tablist" aria-label="Visitor information" className="tabs" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            data-testid={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'customer' ? (
          <CustomerPanel
            key={detail.id}
            conversationId={detail.id}
            match={detail.customer}
            onLinked={props.onLinked}
          />
        ) : (
          <DetailsPanel context={detail.context} startedAt={detail.createdAt} />
        )}
      </div>
    </aside>
  );
}
