import type { Queue, TeamMember } from '@beckon/protocol';
import { useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import type { TransferTarget } from '../state/use-workspace.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

/** "Transfer": pick a queue or an available colleague. The server checks availability again when it happens. */
export function TransferControl(props: {
  selfId: string | undefined;
  onTransfer(target: TransferTarget): void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [queues, setQueues] = useState<Queue[]>([]);
  const [team, setTeam] = useState<TeamMember[]>([]);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string>();

  async function start() {
    setOpen(true);
    setError(undefined);
    try {
      const [queueList, members] = await Promise.all([api.queues(), api.team()]);
      setQueues(queueList);
      setTeam(members.filter((m) => m.id !== props.selfId && m.presence === 'available'));
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }

  function confirm() {
    const [kind, targetId] = choice.split(':');
    if (!targetId) return;
    props.onTransfer(
      kind === 'queue' ? { kind: 'queue', queueId: targetId } : { kind: 'agent', agentId: targetId },
    );
    setOpen(false);
    setChoice('');
  }

  if (!open) {
    return (
      <button type="button" data-testid="transfer" onClick={() => void start()}>
        {t.transfer}
      </button>
    );
  }
  return (
    <span className="row transfer">
      <label htmlFor={`${id}-target`} className="visually-hidden">
        {t.transferTo}
      </label>
      <select
        id={`${id}-target`}
        data-testid="transfer-target"
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
      >
        <option value="">{t.transferToPick}</option>
        <optgroup label={t.agentsAvailable}>
          {team.map((member) => (
            <option key={member.id} value={`agent:${member.id}`}>
              {member.name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t.queues}>
          {queues.map((queue) => (
            <option key={queue.id} value={`queue:${queue.id}`}>
              {queue.name}
            </option>
          ))}
        </optgroup>
      </select>
      <button
        type="button"
        className="primary"
        data-testid="transfer-confirm"
        disabled={!choice}
        onClick={confirm}
      >
        {t.transfer}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t.cancel}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
