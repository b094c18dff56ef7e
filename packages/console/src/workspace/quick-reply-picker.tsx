import type { QuickReply } from '@beckon/protocol';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { messagesOf } from '../i18n/messages.ts';
import { fillQuickReply, type QuickReplyValues } from './quick-reply-text.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

/** A select of the admin's quick replies; choosing one puts its filled-in text in the composer to edit or send. */
export function QuickReplyPicker(props: { values: QuickReplyValues; onPick(text: string): void }) {
  const id = useId();
  const [replies, setReplies] = useState<QuickReply[]>([]);
  useEffect(() => {
    let live = true;
    api
      .quickReplies()
      .then((list) => live && setReplies(list))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  if (replies.length === 0) return null;
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t.quickReply}
      </label>
      <select
        id={id}
        data-testid="quick-reply"
        value=""
        onChange={(event) => {
          const reply = replies.find((r) => r.id === event.target.value);
          if (reply) props.onPick(fillQuickReply(reply.text, props.values));
        }}
      >
        <option value="">{t.quickReplyPick}</option>
        {replies.map((reply) => (
          <option key={reply.id} value={reply.id}>
            {reply.title}
          </option>
        ))}
      </select>
    </>
  );
}
