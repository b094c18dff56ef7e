import type { Issue } from './issues.ts';

/** The validation problems next to a form, announced to screen readers. */
export function IssueList(props: { title?: string; message?: string; issues: Issue[]; testId?: string }) {
  if (!props.message && props.issues.length === 0) return null;
  return (
    <div className="issues" role="alert" data-testid={props.testId}>
      {props.message && <p>{props.message}</p>}
      {props.issues.length > 0 && (
        <ul>
          {props.issues.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity and never reorder.
            <li key={index}>
              {issue.path && <code>{issue.path}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
