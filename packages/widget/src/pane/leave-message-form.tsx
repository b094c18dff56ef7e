import {
  type LeftMessageField,
  type LeftMessageInput,
  leftMessageLimits,
  leftMessageProblems,
} from '@beckon/protocol/left-message';
import { useState } from 'preact/hooks';
import type { PaneStrings } from '../i18n.ts';

interface Props {
  strings: PaneStrings;
  /** The server refused the last form sent (its validation error). */
  refused?: boolean;
  defaults?: { name?: string; email?: string };
  onSubmit(input: LeftMessageInput): void;
}

const maxLength: Record<LeftMessageField, number> = {
  name: leftMessageLimits.nameMaxLength,
  email: leftMessageLimits.emailMaxLength,
  text: leftMessageLimits.textMaxLength,
};

/**
 * "Leave a message" when nobody can answer: name, e-mail and question, checked with the protocol's own rules
 * (the server checks them again) and each problem said next to its field, in the pane's language.
 */
export function LeaveMessageForm({ strings, refused, defaults, onSubmit }: Props) {
  const [problems, setProblems] = useState<Partial<Record<LeftMessageField, string>>>({});
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: LeftMessageField) => {
      const input = form.elements.namedItem(name);
      return input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement
        ? input.value.trim()
        : '';
    };
    const input: LeftMessageInput = { name: value('name'), email: value('email'), text: value('text') };
    const found: Partial<Record<LeftMessageField, string>> = {};
    for (const { field, problem } of leftMessageProblems(input)) {
      found[field] =
        problem === 'required'
          ? strings.leaveRequired
          : problem === 'too-long'
            ? strings.leaveTooLong
            : strings.leaveInvalidEmail;
    }
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      (form.elements.namedItem(first) as HTMLElement | null)?.focus();
      return;
    }
    onSubmit(input);
  };
  const field = (name: LeftMessageField, label: string, kind: 'text' | 'email' | 'area') => {
    const id = `bk-leave-${name}`;
    const problem = problems[name];
    const shared = {
      id,
      name,
      maxLength: maxLength[name],
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${id}-problem` : undefined,
      'data-testid': `beckon-leave-${name}`,
      defaultValue: name === 'text' ? undefined : defaults?.[name],
    };
    return (
      <label for={id}>
        <span>{label}</span>
        {kind === 'area' ? (
          <textarea rows={3} {...shared} />
        ) : (
          <input type={kind} autoComplete={kind === 'email' ? 'email' : 'name'} {...shared} />
        )}
        {problem && (
          <span class="pb" id={`${id}-problem`} data-testid={`beckon-leave-${name}-problem`}>
            {problem}
          </span>
        )}
      </label>
    );
  };
  return (
    <form class="pre lv" data-testid="beckon-leave" onSubmit={submit} noValidate>
      <p>{strings.leaveTitle}</p>
      {field('name', strings.leaveName, 'text')}
      {field('email', strings.leaveEmail, 'email')}
      {field('text', strings.leaveText, 'area')}
      {refused && (
        <p class="pb" role="alert" data-testid="beckon-leave-refused">
          {strings.leaveRefused}
        </p>
      )}
      <button type="submit" class="b" data-testid="beckon-leave-submit">
        {strings.leaveSubmit}
      </button>
    </form>
  );
}
