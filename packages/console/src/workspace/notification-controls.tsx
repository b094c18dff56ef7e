import { useState } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { readMuted, writeMuted } from '../state/notifier.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Sound on/off (remembered in this browser) and the desktop-notification permission. */
export function NotificationControls() {
  const [muted, setMuted] = useState(() => readMuted(storage()));
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'denied' : Notification.permission,
  );
  return (
    <div className="row notification-controls">
      <button
        type="button"
        data-testid="sound-toggle"
        aria-pressed={!muted}
        onClick={() => {
          writeMuted(storage(), !muted);
          setMuted(!muted);
        }}
      >
        {muted ? t.soundOff : t.soundOn}
      </button>
      {permission === 'default' && (
        <button
          type="button"
          data-testid="desktop-notifications"
          onClick={() => void Notification.requestPermission().then(setPermission)}
        >
          {t.enableNotifications}
        </button>
      )}
    </div>
  );
}
