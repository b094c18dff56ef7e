import type { QueueDetail, UserAdmin } from '@beckon/protocol';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { QueueEditor } from './queue-editor.tsx';
import { sectionMessages } from './section-messages.ts';

const t = messagesOf(sectionMessages);

/** Admin: queues (routing settings and members) and each agent's capacity. */
export function QueuesSection(props: { onQueuesChanged(queues: QueueDetail[]): void }) {
  const [queues, setQueues] = useState<QueueDetail[]>();
  const [users, setUsers] = useState<UserAdmin[]>([]);
  const [error, setError] = useState<string>();
  const { onQueuesChanged } = props;

  useEffect(() => {
    let live = true;
    Promise.all([api.queueDetails(), api.users()])
      .then(([queueList, userList]) => {
        if (!live) return;
        setQueues(queueList);
        setUsers(userList);
      })
      .catch((cause: unknown) => live && setError(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, []);

  const update = (next: QueueDetail[]) => {
    setQueues(next);
    onQueuesChanged(next);
  };

  async function saveCapacity(user: UserAdmin, value: string) {
    const capacity = Number(value);
    if (!Number.isInteger(capacity) || capacity === user.capacity) return;
    try {
      const saved = await api.setCapacity(user.id, capacity);
      setUsers((list) => list.map((u) => (u.id === saved.id ? saved : u)));
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }

  return (
    <section className="card queues" aria-labelledby="queues-heading">
      <h2 id="queues-heading">{t.queues}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {queues?.map((queue) => (
        <QueueEditor
          key={queue.id}
          queue={queue}
          users={users}
          onSaved={(saved) => update(queues.map((q) => (q.id === saved.id ? saved : q)))}
          onDeleted={(id) => update(queues.filter((q) => q.id !== id))}
        />
      ))}
      <h3>{t.newQueue}</h3>
      <QueueEditor
        users={users}
        onSaved={(saved) => update([...(queues ?? []), saved])}
        onDeleted={() => {}}
      />
      <h3>{t.agentCapacity}</h3>
      <p className="muted">{t.capacityHint}</p>
      <ul className="capacity-list">
        {users.map((user) => (
          <li key={user.id} className="row">
            <label className="field" htmlFor={`capacity-${user.id}`}>
              <span className="label-text">{user.name}</span>
              <input
                id={`capacity-${user.id}`}
                data-testid="capacity"
                type="number"
                min={0}
                max={50}
                defaultValue={user.capacity}
                onBlur={(e) => void saveCapacity(user, e.target.value)}
              />
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
