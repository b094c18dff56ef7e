import type { Locale } from '@beckon/protocol/conditions';
import type { FormIssue, SaveState } from './saved-form.ts';

const words = {
  en: { saving: 'Saving…', saved: 'Saved.', dirty: 'Unsaved changes' },
  fr: { saving: 'Enregistrement…', saved: 'Enregistré.', dirty: 'Modifications non enregistrées' },
} as const;

/** The save state, announced politely. */
export function SaveStatus(props: { state: SaveState; locale: Locale; testId?: string; className?: string }) {
  const w = words[props.locale];
  return (
    <span role="status" className={props.className}>
      {props.state === 'saved' && <span data-testid={props.testId}>{w.saved}</span>}
      {props.state === 'saving' && w.saving}
      {props.state === 'dirty' && <span className="muted">{w.dirty}</span>}
    </span>
  );
}

/** The problems that stopped a save, announced at once: "Name: Required." */
export function FormIssues(props: {
  message?: string;
  issues: FormIssue[];
  locale: Locale;
  testId?: string;
}) {
  const colon = props.locale === 'fr' ? ' : ' : ': ';
  if (!props.message && props.issues.length === 0) return null;
  return (
    <div className="issues" role="alert" data-testid={props.testId}>
      {props.message && <p>{props.message}</p>}
      {props.issues.length > 0 && (
        <ul>
          {props.issues.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity and never reorder.
            <li key={index}>
              {issue.label ? `${issue.label}${colon}` : issue.path ? <code>{issue.path}</code> : null}{' '}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
