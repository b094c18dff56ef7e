import type { Presence } from '@beckon/protocol';
import { messagesOf } from '../i18n/messages.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

/**
 * Offline or Away, an agent is never offered a chat: visitors wait for nobody. The banner says so at the top of
 * the workspace (announced, as it appears, by screen readers) with the one button that fixes it.
 */
export function PresenceBanner(props: { presence: Presence; onBecomeAvailable(): void }) {
  const { presence } = props;
  const unreachable = presence === 'offline' || presence === 'away';
  return (
    // The live region stays in the page so that a change of presence is announced when the banner appears.
    <div className="presence-banner-region" role="status">
      {unreachable && (
        <div className="presence-banner" data-testid="presence-banner" data-presence={presence}>
          <p>{t.unreachable(presence)}</p>
          <button
            type="button"
            className="primary"
            data-testid="become-available"
            onClick={props.onBecomeAvailable}
          >
            {t.becomeAvailable}
          </button>
        </div>
      )}
    </div>
  );
}
