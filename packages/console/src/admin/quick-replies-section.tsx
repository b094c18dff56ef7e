import type { QuickReply } from '@beckon/protocol';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { sectionMessages } from './section-messages.ts';

const t = messagesOf(sectionMessages);

/**
 * Admin: the quick replies agents can insert. Variables: {visitor.name}, {visitor.email}, {agent.name}. "Edit"
 * loads a reply into the form, which then saves it in place (PUT) instead of adding a new one.
 */
export function QuickRepliesSection() {
  const id = useId();
  const [replies, setReplies] = useState<QuickReply[]>([]);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  /** The reply the form is editing; undefined when it adds a new one. */
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    api
      .quickReplies()
      .then((list) => live && setReplies(list))
      .catch((cause: unknown) => live && setError(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, []);

  function resetForm() {
    setEditing(undefined);
    setTitle('');
    setText('');
  }

  function edit(reply: QuickReply) {
    setError(undefined);
    setEditing(reply.id);
    setTitle(reply.title);
    setText(reply.text);
  }

  async function save() {
    setError(undefined);
    try {
      const saved = editing
        ? await api.updateQuickReply(editing, { title, text })
        : await api.createQuickReply({ title, text });
      setReplies((list) =>
        [...list.filter((r) => r.id !== saved.id), saved].sort((a, b) => a.title.localeCompare(b.title)),
      );
      resetForm();
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }

  async function remove(replyId: string) {
    try {
      await api.deleteQuickReply(replyId);
      setReplies((list) => list.filter((r) => r.id !== replyId));
      if (editing === replyId) resetForm();
    } catch (cause) {
      setError(errorMessage(cause));
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
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="field" htmlFor={`${id}-title`}>
          <span className="label-text">{t.title}</span>
          <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field" htmlFor={`${id}-text`}>
          <span className="label-text">{t.text}</span>
          <textarea id={`${id}-text`} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
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
