import {
  type AssignmentMethod,
  type QueueDetail,
  type QueueInput,
  type QueuePatch,
  queueInputSchema,
  queuePatchSchema,
  type UserAdmin,
} from '@beckon/protocol';
import { useId } from 'react';
import { api } from '../api/endpoints.ts';
import { FormIssues, SaveStatus } from '../forms/save-status.tsx';
import { useSavedForm } from '../forms/saved-form.ts';
import { messagesOf } from '../i18n/messages.ts';
import { sectionMessages } from './section-messages.ts';

const t = messagesOf(sectionMessages);

interface QueueForm {
  name: string;
  assignmentMethod: AssignmentMethod;
  /** Empty = the widget's offer deadline. */
  offerTimeoutSeconds: string;
  autoAssign: boolean;
  memberIds: string[];
}

function formOf(queue?: QueueDetail): QueueForm {
  return {
    name: queue?.name ?? '',
    assignmentMethod: queue?.assignmentMethod ?? 'most-free',
    offerTimeoutSeconds: queue?.offerTimeoutSeconds === undefined ? '' : String(queue.offerTimeoutSeconds),
    autoAssign: queue?.autoAssign ?? false,
    memberIds: queue?.memberIds ?? [],
  };
}

/** One queue's settings and members; without `queue` it creates one. The server validates; errors show inline. */
export function QueueEditor(props: {
  queue?: QueueDetail;
  users: UserAdmin[];
  onSaved(queue: QueueDetail): void;
  onDeleted(id: string): void;
}) {
  const id = useId();
  const editing = props.queue;
  const saved = useSavedForm<QueueForm, QueueInput | QueuePatch>({
    initial: formOf(editing),
    schema: editing ? queuePatchSchema : queueInputSchema,
    toBody: (form) => {
      const seconds = form.offerTimeoutSeconds.trim() === '' ? undefined : Number(form.offerTimeoutSeconds);
      const body = {
        name: form.name,
        assignmentMethod: form.assignmentMethod,
        autoAssign: form.autoAssign,
        memberIds: form.memberIds,
      };
      // A patch clears the queue's own deadline with null; a new queue simply has none.
      return editing
        ? { ...body, offerTimeoutSeconds: seconds ?? null }
        : { ...body, offerTimeoutSeconds: seconds };
    },
    labels: {
      name: { en: 'Name', fr: 'Nom' },
      assignmentMethod: { en: 'Assignment', fr: 'Attribution' },
      offerTimeoutSeconds: { en: 'Offer deadline', fr: 'Délai de l’offre' },
      memberIds: { en: 'Members', fr: 'Membres' },
    },
    async save(body) {
      const queue = editing
        ? await api.updateQueue(editing.id, body as QueuePatch)
        : await api.createQueue(body as QueueInput);
      props.onSaved(queue);
      return editing ? undefined : formOf();
    },
  });
  const form = saved.values;
  const set = saved.set;
  const toggleMember = (userId: string, on: boolean) =>
    set('memberIds', on ? [...form.memberIds, userId] : form.memberIds.filter((m) => m !== userId));

  async function remove() {
    if (!props.queue) return;
    try {
      await api.deleteQueue(props.queue.id);
      props.onDeleted(props.queue.id);
    } catch (cause) {
      saved.fail(cause);
    }
  }

  return (
    <form
      className="stack queue-editor"
      data-testid={props.queue ? 'queue-editor' : 'new-queue'}
      onSubmit={saved.submit}
      noValidate
    >
      <div className="grid">
        <label className="field" htmlFor={`${id}-name`}>
          <span className="label-text">{t.name}</span>
          <input id={`${id}-name`} value={form.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        <label className="field" htmlFor={`${id}-method`}>
          <span className="label-text">{t.assignment}</span>
          <select
            id={`${id}-method`}
            value={form.assignmentMethod}
            onChange={(e) => set('assignmentMethod', e.target.value as AssignmentMethod)}
          >
            <option value="most-free">{t.mostFree}</option>
            <option value="round-robin">{t.roundRobin}</option>
          </select>
        </label>
        <label className="field" htmlFor={`${id}-deadline`}>
          <span className="label-text">{t.offerDeadline}</span>
          <input
            id={`${id}-deadline`}
            type="number"
            min={10}
            max={3600}
            value={form.offerTimeoutSeconds}
            onChange={(e) => set('offerTimeoutSeconds', e.target.value)}
          />
        </label>
      </div>
      <label className="switch">
        <input
          type="checkbox"
          checked={form.autoAssign}
          onChange={(e) => set('autoAssign', e.target.checked)}
        />
        {t.autoAssign}
      </label>
      <fieldset className="members">
        <legend>{t.members}</legend>
        {props.users.map((user) => (
          <label key={user.id} className="switch">
            <input
              type="checkbox"
              data-testid="queue-member"
              checked={form.memberIds.includes(user.id)}
              onChange={(e) => toggleMember(user.id, e.target.checked)}
            />
            {user.name}
          </label>
        ))}
      </fieldset>
      <FormIssues message={saved.failure} issues={saved.issues} locale={saved.locale} />
      <div className="actions">
        <button type="submit" className="primary">
          {props.queue ? t.saveQueue : t.createQueue}
        </button>
        {props.queue && (
          <button type="button" onClick={() => void remove()}>
            {t.delete}
          </button>
        )}
        <SaveStatus className="save-status muted" state={saved.state} locale={saved.locale} />
      </div>
    </form>
  );
}
