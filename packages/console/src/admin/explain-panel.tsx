import { type Explanation, explanationSchema } from '@beckon/protocol';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { errorMessage, request } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { type ExplainForm, emptyExplainForm, formToJourney, outcomeLabel, whenText } from './explain-form.ts';
import { PredictionSummary } from './prediction-summary.tsx';
import { sectionMessages } from './section-messages.ts';

const t = messagesOf(sectionMessages);

/**
 * "Why does (or doesn't) this journey get an invitation?": a typed journey sent to the explain API, and one
 * row per rule with the winner, the first failing condition and its actual value, or the gate holding it back.
 */
export function ExplainPanel(props: { widgetId: string }) {
  const id = useId();
  const [form, setForm] = useState<ExplainForm>(emptyExplainForm);
  const [result, setResult] = useState<Explanation>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // A visitor id asks about that live visitor (on this node) instead of the typed journey.
  const [visitorId, setVisitorId] = useState('');
  const set = <K extends keyof ExplainForm>(key: K, value: ExplainForm[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const path = `/v1/widgets/${encodeURIComponent(props.widgetId)}/explain`;
    const live = visitorId.trim();
    (live
      ? request('GET', `${path}?visitorId=${encodeURIComponent(live)}`, explanationSchema)
      : request('POST', path, explanationSchema, formToJourney(form))
    )
      .then(setResult)
      .catch((cause: unknown) => setError(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  const field = (name: keyof ExplainForm, label: string, input: ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
    </div>
  );
  const text = (name: keyof ExplainForm, type = 'text') => (
    <input
      id={`${id}-${name}`}
      name={`explain-${name}`}
      type={type}
      value={form[name]}
      onChange={(e) => set(name, e.target.value)}
    />
  );

  return (
    <section className="card explain" aria-labelledby={`${id}-heading`} data-testid="explain-panel">
      <h2 id={`${id}-heading`}>{t.explainTitle}</h2>
      <form onSubmit={submit} noValidate>
        <div className="grid">
          {field('url', t.pageUrl, text('url', 'url'))}
          {field('title', t.pageTitle, text('title'))}
          {field('timeOnPageSeconds', t.timeOnPage, text('timeOnPageSeconds', 'number'))}
          {field('timeOnSiteSeconds', t.timeOnSite, text('timeOnSiteSeconds', 'number'))}
          {field('pagesViewed', t.pagesViewed, text('pagesViewed', 'number'))}
          {field('visitNumber', t.visitNumber, text('visitNumber', 'number'))}
          {field('language', t.language, text('language'))}
          {field('country', t.country, text('country'))}
        </div>
        <div className="field">
          <label htmlFor={`${id}-visitor`}>{t.liveVisitor}</label>
          <input
            id={`${id}-visitor`}
            name="explain-visitor"
            value={visitorId}
            placeholder="vis_…"
            onChange={(e) => setVisitorId(e.target.value)}
          />
        </div>
        {field(
          'context',
          t.context,
          <textarea
            id={`${id}-context`}
            name="explain-context"
            rows={2}
            value={form.context}
            onChange={(e) => set('context', e.target.value)}
          />,
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="explain-run">
          {t.explain}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="explain-result">
          <p>
            {result.fire ? (
              <>
                <strong>{result.fire.ruleName}</strong> {t.fires}: “{result.fire.message}”
              </>
            ) : (
              t.noRuleFires
            )}
          </p>
          {result.prediction && <PredictionSummary prediction={result.prediction} />}
          <table className="data-table explain-table">
            <thead>
              <tr>
                <th scope="col">{t.rule}</th>
                <th scope="col">{t.outcome}</th>
                <th scope="col">{t.why}</th>
                <th scope="col">{t.when}</th>
              </tr>
            </thead>
            <tbody>
              {result.rules.map((rule) => (
                <tr key={rule.ruleId} data-outcome={rule.outcome}>
                  <td>{rule.ruleName}</td>
                  <td>{outcomeLabel(rule)}</td>
                  <td>{rule.reason}</td>
                  <td>{whenText(result, rule)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
