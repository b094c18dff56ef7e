import { type QuickReply, type QuickReplyInput, quickReplyInputSchema } from '@beckon/protocol';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { FormIssues } from '../forms/save-status.tsx';
import { useSavedForm } from '../forms/saved-form.ts';

import { messagesOf } from '../i18n/messages.ts';
import { sectionMessages } from './section-messages.ts';

const t = messagesOf(sectionMessages);
const empty: QuickReplyInput = { title: '', text: '' };

/**
 * Admin: the quick replies agents can insert. Variables: {visitor.name}, {visitor.email}, {agent.name}. "Edit"
 * loads a reply into the form, which then saves it in place (PUT) instead of adding a new one.
 */
export function QuickRepliesSection() {
  const id = useId();
  const [replies, setReplies] = useState<QuickReply[]>([]);
  /** The reply the form is editing; undefined when it adds a new one. */
  const [editing, setEditing] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const saved = useSavedForm<QuickReplyInput, QuickReplyInput>({
    initial: empty,
    schema: quickReplyInputSchema,
    toBody: (form) => ({ title: form.title, text: form.text }),
    labels: { title: { en: 'Title', fr: 'Titre' }, text: { en: 'Text', fr: 'Texte' } },
    async save(body) {
      const reply = editing ? await api.updateQuickReply(editing, body) : await api.createQuickReply(body);
      setReplies((list) =>
        [...list.filter((r) => r.id !== reply.id), reply].sort((a, b) => a.title.localeCompare(b.title)),
      );
      setEditing(undefined);
      return empty;
    },
  });
  const { title, text } = saved.values;

  useEffect(() => {
    let live = true;
    api
      .quickReplies()
      .then((list) => live && setReplies(list))
      .catch((cause: unknown) => live && setLoadError(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, []);

  function resetForm() {
    setEditing(undefined);
    saved.reset(empty);
  }

  function edit(reply: QuickReply) {
    setEditing(reply.id);
    saved.reset({ title: reply.title, text: reply.text });
  }

  async function remove(replyId: string) {
    try {
      await api.deleteQuickReply(replyId);
      setReplies((list) => list.filter((r) => r.id !== replyId));
      if (editing === replyId) resetForm();
    } catch (cause) {
      saved.fail(cause);
    }
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-heading`} data-testid="quick-replies">
      <h2 id={`${id}-heading`}>{t.quickReplies}</h2>
      <p className="muted">
        {t.variables} <code>{'{visitor.name}'}</code>, <code>{'{visitor.email}'}</code>,{' '}
        <code>{'{agent.name}'}</code>
      </p>
      <ul className="rule-list">
        {replies.map((reply) => (
          <li key={reply.id} className="row">
            <strong>{reply.title}</strong>
            <span className="muted">{reply.text}</span>
            <span className="spacer" />
            <button type="button" onClick={() => edit(reply)} aria-label={t.editReply(reply.title)}>
              {t.edit}
            </button>
            <button type="button" onClick={() => void remove(reply.id)}>
              {t.delete}
            </button>
          </li>
        ))}
      </ul>
      <form className="stack" onSubmit={saved.submit} noValidate>
        <label className="field" htmlFor={`${id}-title`}>
          <span className="label-text">{t.title}</span>
          <input id={`${id}-title`} value={title} onChange={(e) => saved.set('title', e.target.value)} />
        </label>
        <label className="field" htmlFor={`${id}-text`}>
          <span className="label-text">{t.text}</span>
          <textarea
            id={`${id}-text`}
            rows={2}
            value={text}
            onChange={(e) => saved.set('text', e.target.value)}
          />
        </label>
        <FormIssues message={saved.failure ?? loadError} issues={saved.issues} locale={saved.locale} />
        <div className="actions">
          <button type="submit" className="primary">
            {editing ? t.saveQuickReply : t.addQuickReply}
          </button>
          {editing && (
            <button type="button" onClick={resetForm}>
              {t.cancel}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
