import type { QuickReply } from '@beckon/protocol';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { messagesOf } from '../i18n/messages.ts';
import { fillQuickReply, type QuickReplyValues } from './quick-reply-text.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

/**
 * A select of the admin's quick replies; choosing one puts its text in the composer to edit or send. In a
 * conversation the server fills the `{{variables}}` in for its visitor, and the older `{visitor.name}` ones are
 * filled with `values`; without a conversation (an invitation) the text comes as written and the server fills it
 * in when it is sent.
 */
export function QuickReplyPicker(props: {
  conversationId?: string;
  values?: QuickReplyValues;
  onPick(text: string): void;
}) {
  const id = useId();
  const [replies, setReplies] = useState<QuickReply[]>([]);
  const { conversationId } = props;
  useEffect(() => {
    let live = true;
    (conversationId ? api.conversationQuickReplies(conversationId) : api.quickReplies())
      .then((list) => live && setReplies(list))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [conversationId]);
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
          if (reply) props.onPick(props.values ? fillQuickReply(reply.text, props.values) : reply.text);
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
