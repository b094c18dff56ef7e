import { useEffect } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import type { WorkspaceActions } from '../state/use-workspace.ts';
import type { WorkspaceState } from '../state/workspace-state.ts';
import { ConversationList } from './conversation-list.tsx';
import { ConversationView } from './conversation-view.tsx';
import { NotificationControls } from './notification-controls.tsx';
import { OfferList } from './offer-list.tsx';
import { PresenceBanner } from './presence-banner.tsx';
import { PresenceSelect } from './presence-select.tsx';
import { SidePanel } from './side-panel.tsx';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

/** The agent workspace: presence and offers, the conversation list, the open conversation and its visitor. */
export function Workspace(props: { state: WorkspaceState; actions: WorkspaceActions }) {
  const { state, actions } = props;
  const selected = state.conversations.find((c) => c.detail.id === state.selectedId);
  const unread = state.conversations.reduce((sum, c) => sum + c.unread, 0) + state.offers.length;

  // The tab title counts unread messages and pending offers, so a hidden tab still shows there is work.
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Beckon console` : 'Beckon console';
  }, [unread]);

  return (
    <div className="workspace-screen">
      <PresenceBanner presence={state.presence} onBecomeAvailable={() => actions.setPresence('available')} />
      <div className="workspace">
        <section className="column left" aria-label={t.workQueue}>
          <PresenceSelect value={state.presence} onChange={actions.setPresence} />
          <NotificationControls />
          {state.notice && (
            <div className="notice" role="alert">
              <span>{state.notice}</span>
              <button type="button" className="link" onClick={actions.clearNotice} aria-label={t.dismiss}>
                ×
              </button>
            </div>
          )}
          <OfferList offers={state.offers} onAccept={actions.acceptOffer} onReject={actions.rejectOffer} />
          <h2 className="section-title">{t.conversations}</h2>
          <ConversationList
            conversations={state.conversations}
            selectedId={state.selectedId}
            onSelect={actions.select}
          />
        </section>
        {selected ? (
          <>
            <ConversationView
              key={selected.detail.id}
              conversation={selected}
              onSend={(text) => actions.sendMessage(selected.detail.id, text)}
              onEnd={() => actions.endConversation(selected.detail.id)}
              onDismiss={() => actions.dismissConversation(selected.detail.id)}
              onTyping={(typing) => actions.typing(selected.detail.id, typing)}
              onRead={(seq) => actions.markRead(selected.detail.id, seq)}
              selfId={state.agent?.id}
              selfName={state.agent?.name}
              onTransfer={(target) => actions.transfer(selected.detail.id, target)}
              onWrapUp={(outcome, notes) => actions.wrapUp(selected.detail.id, outcome, notes)}
            />
            <SidePanel
              conversation={selected}
              admin={state.agent?.role === 'admin'}
              onLinked={(match) => actions.customerLinked(selected.detail.id, match)}
            />
          </>
        ) : (
          <section className="placeholder muted">
            <p>{t.selectConversation}</p>
          </section>
        )}
      </div>
    </div>
  );
}
