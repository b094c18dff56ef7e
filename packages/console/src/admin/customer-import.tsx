import type { CustomerImportResult } from '@beckon/protocol';
import { useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { sectionMessages } from './section-messages.ts';

const t = messagesOf(sectionMessages);

/** Admin: customer records from a CSV file (header row: name, email, phone, company, externalId, active). */
export function CustomerImport() {
  const id = useId();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<CustomerImportResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api.importCustomers(csv));
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-heading`} data-testid="customer-import">
      <h2 id={`${id}-heading`}>{t.importCustomers}</h2>
      <p className="muted">{t.importHint}</p>
      <label className="field" htmlFor={`${id}-file`}>
        <span className="label-text">{t.file}</span>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void file.text().then(setCsv);
          }}
        />
      </label>
      <label className="field" htmlFor={`${id}-text`}>
        <span className="label-text">{t.pasteCsv}</span>
        <textarea id={`${id}-text`} rows={5} value={csv} onChange={(e) => setCsv(e.target.value)} />
      </label>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy || csv.trim() === ''}
          onClick={() => void run()}
        >
          {t.import}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div role="status">
          <p>{t.importResult(result.imported, result.errors.length)}</p>
          <ul>
            {result.errors.map((e) => (
              <li key={e.line}>{t.line(e.line, e.message)}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
