import type { Funnel } from '@beckon/protocol';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { formatDecimal, formatInteger, formatPercent } from '../i18n/intl.ts';
import { messagesOf } from '../i18n/messages.ts';
import { consoleLocale } from '../locale.ts';
import { TableScroll } from '../shell/table-scroll.tsx';
import { FunnelChart } from './funnel-chart.tsx';
import { funnelMessages } from './funnel-messages.ts';
import { allSides, chartSeries, funnelSteps, periods, significance } from './funnel-view.ts';
import { SmartSplitSummary, SmartSplitTable } from './smart-split-table.tsx';
import { anySmart } from './smart-split-view.ts';
import { VariantsReport } from './variants-report.tsx';

const DAY_MS = 86_400_000;
const t = messagesOf(funnelMessages);

const sideLabel = (variant: string): string => (variant === allSides ? t.allVisitors : variant);
const percent = (rate: number | undefined): string => (rate === undefined ? '–' : formatPercent(rate));

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
        <h2 id="funnel-heading">{t.ruleResults}</h2>
        <span className="spacer" />
        <select aria-label={t.period} value={days} onChange={(e) => setDays(e.target.value)}>
          {periods.map((value) => (
            <option key={value} value={value}>
              {t.periodLabel(value)}
            </option>
          ))}
        </select>
        <button type="button" data-testid="refresh-funnel" onClick={() => setTick((n) => n + 1)}>
          {t.refresh}
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {funnel?.rules.length === 0 && <p className="muted">{t.noRules}</p>}
      {funnel && anySmart(funnel.smartSplit) && <SmartSplitSummary split={funnel.smartSplit} />}
      {funnel?.rules.map((rule) => (
        <RuleFunnelView key={rule.ruleId} rule={rule} />
      ))}
    </section>
  );
}

function RuleFunnelView(props: { rule: Funnel['rules'][number] }) {
  const { rule } = props;
  const series = useMemo(() => chartSeries(rule), [rule]);
  const sides = rule.variants.length > 0 ? rule.variants : [{ ...rule.total, variant: allSides }];
  const labels = useMemo(() => series.labels.map(sideLabel), [series]);
  const description = t.chartLabel(
    rule.ruleName,
    funnelSteps.map((key) => `${t.step(key)} ${formatInteger(Number(rule.total[key] ?? 0))}`).join(', '),
  );
  return (
    <article className="rule-funnel" data-testid="rule-funnel" data-rule-id={rule.ruleId}>
      <h3>
        {rule.ruleName} <span className="muted">{t.evaluated(formatInteger(rule.evaluated))}</span>
      </h3>
      {rule.total.invited > 0 && <FunnelChart labels={labels} data={series.data} description={description} />}
      <TableScroll label={rule.ruleName}>
        <table className="data-table funnel-table">
          <thead>
            <tr>
              <th scope="col">{t.side}</th>
              {funnelSteps.map((key) => (
                <th scope="col" className="num" key={key}>
                  {t.step(key)}
                </th>
              ))}
              <th scope="col" className="num">
                {t.acceptance}
              </th>
              <th scope="col" className="num">
                {t.medianToAccept}
              </th>
              <th scope="col" className="num">
                {t.csat}
              </th>
            </tr>
          </thead>
          <tbody>
            {sides.map((side) => (
              <tr key={side.variant} data-testid="funnel-row" data-variant={side.variant}>
                <th scope="row">{sideLabel(side.variant)}</th>
                {funnelSteps.map((key) => (
                  <td key={key} className="num" data-step={key}>
                    {formatInteger(Number(side[key] ?? 0))}
                  </td>
                ))}
                <td className="num">{percent(side.acceptanceRate)}</td>
                <td className="num">
                  {side.medianSecondsToAccept === undefined
                    ? '–'
                    : t.seconds(formatDecimal(side.medianSecondsToAccept))}
                </td>
                <td className="num">
                  {side.csatAverage === undefined
                    ? '–'
                    : `${formatDecimal(side.csatAverage, 2)} (${formatInteger(side.csatCount)})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {anySmart(rule.smartSplit) && <SmartSplitTable split={rule.smartSplit} scope={rule.ruleName} />}
      {rule.holdout && (
        <p data-testid="holdout-result">
          {t.holdout(
            `${percent(rule.holdout.invitedChatRate)} (${rule.holdout.invitedChatted}/${rule.holdout.invitedVisitors})`,
            `${percent(rule.holdout.heldChatRate)} (${rule.holdout.heldChatted}/${rule.holdout.heldVisitors})`,
            significance(rule.holdout.pValue, consoleLocale),
          )}
        </p>
      )}
      {rule.optimisation && <VariantsReport report={rule.optimisation} ruleName={rule.ruleName} />}
    </article>
  );
}
