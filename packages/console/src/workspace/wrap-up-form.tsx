import { limits, type WrapUpOutcome } from '@beckon/protocol';
import { useId, useState } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

const outcomes: { value: WrapUpOutcome; label: string }[] = [
  { value: 'resolved', label: t.outcomeLabel('resolved') },
  { value: 'unresolved', label: t.outcomeLabel('unresolved') },
  { value: 'follow-up', label: t.outcomeLabel('follow-up') },
  { value: 'no-response', label: t.outcomeLabel('no-response') },
];

/** After a conversation ends: the outcome and notes. Saving removes it from the list (the server confirms). */
export function WrapUpForm(props: { onSubmit(outcome: WrapUpOutcome, notes: string): void }) {
  const id = useId();
  const [outcome, setOutcome] = useState<WrapUpOutcome>('resolved');
  const [notes, setNotes] = useState('');
  return (
    <form
      className="wrap-up stack"
      data-testid="wrap-up"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit(outcome, notes);
      }}
    >
      <h3>{t.wrapUp}</h3>
      <label className="field" htmlFor={`${id}-outcome`}>
        <span className="label-text">{t.outcome}</span>
        <select
          id={`${id}-outcome`}
          data-testid="wrap-up-outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as WrapUpOutcome)}
        >
          {outcomes.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-notes`}>
        <span className="label-text">{t.notes}</span>
        <textarea
          id={`${id}-notes`}
          data-testid="wrap-up-notes"
          rows={3}
          maxLength={limits.messageMaxLength}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
      </label>
      <div className="actions">
        <button type="submit" className="primary" data-testid="wrap-up-save">
          {t.saveWrapUp}
        </button>
      </div>
    </form>
  );
}
