import type { Presence } from '@beckon/protocol';
import { useId } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

const order: Presence[] = ['available', 'busy', 'dnd', 'away', 'offline', 'inactive'];

export function PresenceSelect(props: { value: Presence; onChange(status: Presence): void }) {
  const id = useId();
  return (
    <div className="presence">
      <label htmlFor={id}>{t.presence}</label>
      <select
        id={id}
        data-testid="presence-select"
        className={`presence-${props.value}`}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value as Presence)}
      >
        {order.map((status) => (
          // Only routing sets Inactive; the agent sees it and picks another status to leave it.
          <option key={status} value={status} disabled={status === 'inactive'}>
            {t.presenceLabel(status)}
          </option>
        ))}
      </select>
    </div>
  );
}
