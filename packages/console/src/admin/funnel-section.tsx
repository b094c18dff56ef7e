import type { Funnel } from '@beckon/protocol';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { FunnelChart } from './funnel-chart.tsx';
import { chartSeries, funnelSteps, percent, periods, significance } from './funnel-view.ts';

const DAY_MS = 86_400_000;

/** Funnel analytics per rule and A/B side over a period (GET /v1/widgets/:id/funnel). */
export function FunnelSection(props: { widgetId: string }) {
  const [days, setDays] = useState<string>('7');
  const [funnel, setFunnel] = useState<Funnel>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the refresh button.
  useEffect(() => {
    let live = true;
    // Whole UTC days, today included: the same days the evaluation counts are kept by.
    const to = (Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS;
    api
      .funnel(props.widgetId, to - Number(days) * DAY_MS, to)
      .then((answer) => {
        if (!live) return;
        setFunnel(answer);
        setError(undefined);
      })
      .catch((cause: unknown) => live && setError(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, [props.widgetId, days, tick]);

  return (
    <section className="card funnel" aria-labelledby="funnel-heading" data-testid="funnel-section">
      <header className="row">
        <h2 id="funnel-heading">Rule results</h2>
        <span className="spacer" />
        <select aria-label="Period" value={days} onChange={(e) => setDays(e.target.value)}>
          {periods.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" data-testid="refresh-funnel" onClick={() => setTick((n) => n + 1)}>
          Refresh
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {funnel?.rules.length === 0 && <p className="muted">No rules.</p>}
      {funnel?.rules.map((rule) => (
        <RuleFunnelView key={rule.ruleId} rule={rule} />
      ))}
    </section>
  );
}

function RuleFunnelView(props: { rule: Funnel['rules'][number] }) {
  const { rule } = props;
  const series = useMemo(() => chartSeries(rule), [rule]);
  const sides = rule.variants.length > 0 ? rule.variants : [{ ...rule.total, variant: 'all' }];
  return (
    <article className="rule-funnel" data-testid="rule-funnel" data-rule-id={rule.ruleId}>
      <h3>
        {rule.ruleName} <span className="muted">evaluated {rule.evaluated} times</span>
      </h3>
      {rule.total.invited > 0 && <FunnelChart labels={series.labels} data={series.data} />}
      <table className="funnel-table">
        <thead>
          <tr>
            <th scope="col">Side</th>
            {funnelSteps.map(([key, label]) => (
              <th scope="col" key={key}>
                {label}
              </th>
            ))}
            <th scope="col">Acceptance</th>
            <th scope="col">Median time to accept</th>
            <th scope="col">CSAT</th>
          </tr>
        </thead>
        <tbody>
          {sides.map((side) => (
            <tr key={side.variant} data-testid="funnel-row" data-variant={side.variant}>
              <th scope="row">{side.variant}</th>
              {funnelSteps.map(([key]) => (
                <td key={key} data-step={key}>
                  {String(side[key] ?? 0)}
                </td>
              ))}
              <td>{percent(side.acceptanceRate)}</td>
              <td>
                {side.medianSecondsToAccept === undefined
                  ? '–'
                  : `${side.medianSecondsToAccept.toFixed(1)} s`}
              </td>
              <td>
                {side.csatAverage === undefined ? '–' : `${side.csatAverage.toFixed(2)} (${side.csatCount})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rule.holdout && (
        <p data-testid="holdout-result">
          Chat rate: invited {percent(rule.holdout.invitedChatRate)} ({rule.holdout.invitedChatted}/
          {rule.holdout.invitedVisitors}) vs holdout {percent(rule.holdout.heldChatRate)} (
          {rule.holdout.heldChatted}/{rule.holdout.heldVisitors}) — {significance(rule.holdout.pValue)}
        </p>
      )}
    </article>
  );
}
