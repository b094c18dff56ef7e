import type { AuditEntryView } from '@beckon/protocol';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { consoleLocale } from '../locale.ts';
import { TableScroll } from '../shell/table-scroll.tsx';
import { privacyMessages } from './privacy-messages.ts';

const t = messagesOf(privacyMessages);
const pageSize = 25;
const when = new Intl.DateTimeFormat(consoleLocale, { dateStyle: 'medium', timeStyle: 'medium' });

/** Details as `key: value` pairs on one line; they hold ids, field names and counts, never typed values. */
function describe(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

/** Admin: the audit trail, newest first, a page at a time (GET /v1/audit). */
export function AuditSection() {
  const [entries, setEntries] = useState<AuditEntryView[]>();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [more, setMore] = useState(true);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let live = true;
    Promise.all([api.audit(pageSize), api.users()])
      .then(([page, users]) => {
        if (!live) return;
        setEntries(page);
        setMore(page.length === pageSize);
        setNames(new Map(users.map((user) => [user.id, user.name])));
      })
      .catch((cause: unknown) => live && setProblem(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, []);

  async function older() {
    const last = entries?.at(-1);
    if (!last) return;
    setBusy(true);
    try {
      const page = await api.audit(pageSize, last.at);
      setEntries((list) => [...(list ?? []), ...page]);
      setMore(page.length === pageSize);
    } catch (cause) {
      setProblem(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby="audit-heading" data-testid="audit-section">
      <h2 id="audit-heading">{t.auditHeading}</h2>
      <p className="muted">{t.auditIntro}</p>
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      {entries === undefined ? (
        problem ? null : (
          <p>{t.loading}</p>
        )
      ) : entries.length === 0 ? (
        <p>{t.noEntries}</p>
      ) : (
        <TableScroll label={t.auditHeading}>
          <table className="audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t.when}</th>
                <th scope="col">{t.who}</th>
                <th scope="col">{t.action}</th>
                <th scope="col">{t.target}</th>
                <th scope="col">{t.details}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-row">
                  <td>
                    <time dateTime={new Date(entry.at).toISOString()}>{when.format(entry.at)}</time>
                  </td>
                  <td>{entry.actorId ? (names.get(entry.actorId) ?? entry.actorId) : t.system}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.targetType}
                    {entry.targetId ? <code className="audit-target"> {entry.targetId}</code> : null}
                  </td>
                  <td className="audit-details">{describe(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {entries !== undefined && entries.length > 0 && (
        <p>
          {more ? (
            <button type="button" disabled={busy} onClick={() => void older()} data-testid="audit-older">
              {t.older}
            </button>
          ) : (
            <span className="muted">{t.noOlder}</span>
          )}
        </p>
      )}
    </section>
  );
}
