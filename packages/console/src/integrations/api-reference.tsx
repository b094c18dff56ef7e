import type { ApiReference as Reference } from '@beckon/protocol';
import { useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { TableScroll } from '../shell/table-scroll.tsx';
import { apiTokensMessages } from './api-tokens-messages.ts';

/**
 * A browsable reference read from the served OpenAPI document (so it is the server's own description): every
 * route with what it does and the token scope that reaches it. Loaded when first opened.
 */
export function ApiReference() {
  const t = messagesOf(apiTokensMessages);
  const id = useId();
  const [reference, setReference] = useState<Reference>();
  const [problem, setProblem] = useState<string>();

  function load(open: boolean) {
    if (!open || reference) return;
    api
      .apiReference()
      .then(setReference)
      .catch((cause: unknown) => setProblem(errorMessage(cause)));
  }

  const access = (value: string) =>
    value === 'session' ? (
      t.sessionOnly
    ) : value === 'public' ? (
      t.open
    ) : value === 'visitor' ? (
      t.visitorOnly
    ) : (
      <code>{value}</code>
    );
  const rows = Object.entries(reference?.paths ?? {}).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method, path, operation })),
  );

  return (
    <section className="stack" aria-labelledby={`${id}-title`} data-testid="api-reference">
      <h2 id={`${id}-title`}>{t.referenceHeading}</h2>
      <details onToggle={(event) => load(event.currentTarget.open)}>
        <summary>{t.referenceShow}</summary>
        <p role="alert" className="error">
          {problem ?? ''}
        </p>
        {reference ? (
          <TableScroll label={t.referenceHeading}>
            <table className="team-table">
              <thead>
                <tr>
                  <th scope="col">{t.route}</th>
                  <th scope="col">{t.what}</th>
                  <th scope="col">{t.tokenScope}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ method, path, operation }) => (
                  <tr key={`${method} ${path}`}>
                    <td>
                      <code>
                        {method.toUpperCase()} {path}
                      </code>
                    </td>
                    <td>{operation.summary}</td>
                    <td>{access(operation['x-beckon-access'])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </details>
    </section>
  );
}
