import type { RuleFunnel } from '@beckon/protocol';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDecimal, formatInteger, formatPercent } from '../i18n/intl.ts';
import { messagesOf } from '../i18n/messages.ts';
import { TableScroll } from '../shell/table-scroll.tsx';
import { variantsReportMessages } from './variants-report-messages.ts';

type Report = NonNullable<RuleFunnel['optimisation']>;

const colors = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#ca8a04'];
const t = messagesOf(variantsReportMessages);
const DAY_MS = 86_400_000;
const rateLabel = { accepted: t.rateAccepted, chat: t.rateChat, event: t.rateEvent };
const upliftMeasure = {
  accepted: t.upliftMeasureAccepted,
  chat: t.upliftMeasureChat,
  event: t.upliftMeasureEvent,
};

/** The chart's data: one x per UTC day (seconds, as uPlot wants), one series of shown invitations per variant. */
export function shownSeries(report: Report): uPlot.AlignedData {
  const xs = report.shownByDay.map((entry) => Date.parse(`${entry.day}T00:00:00Z`) / 1000);
  return [xs, ...report.variants.map((v) => report.shownByDay.map((entry) => entry.shown[v.variant] ?? 0))];
}

/**
 * What the optimiser knows of a rule's variants: the objective, the posterior rate of it with its 95 % interval and the
 * chance to be best per variant (a table, which screen readers read), the invitations shown per day and variant
 * (a uPlot chart: the traffic share moving over time), and the uplift against the holdout with its interval.
 */
export function VariantsReport(props: { report: Report; ruleName: string }) {
  const { report } = props;
  const { objective } = report;
  // For `accepted` the objective is the accepted column itself.
  const reachedColumn = objective.kind !== 'accepted';
  const points = (difference: number) => formatDecimal(difference * 100);
  return (
    <section
      className="variants-report"
      data-testid="variants-report"
      aria-label={`${t.heading}: ${props.ruleName}`}
    >
      <h4>{t.heading}</h4>
      <p className="muted" data-testid="variants-mode">
        {report.optimising ? t.optimising : t.fixed}
      </p>
      <p data-testid="variants-objective">
        {objective.kind === 'event'
          ? t.objectiveEvent(objective.event, formatInteger(objective.windowHours))
          : objective.kind === 'chat'
            ? t.objectiveChat
            : t.objectiveAccepted}
      </p>
      <TableScroll label={t.heading}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t.variant}</th>
              <th scope="col" className="num">
                {t.shown}
              </th>
              <th scope="col" className="num">
                {t.accepted}
              </th>
              {reachedColumn && (
                <th scope="col" className="num">
                  {objective.kind === 'chat' ? t.reachedChat : t.reachedEvent}
                </th>
              )}
              <th scope="col" className="num">
                {rateLabel[objective.kind]}
              </th>
              <th scope="col" className="num">
                {t.best}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.variants.map((v) => (
              <tr key={v.variant} data-testid="variant-posterior" data-variant={v.variant}>
                <th scope="row">{v.variant}</th>
                <td className="num">{formatInteger(v.shown)}</td>
                <td className="num">{formatInteger(v.accepted)}</td>
                {reachedColumn && <td className="num">{formatInteger(v.reached)}</td>}
                <td className="num" data-testid="variant-interval">
                  {t.interval(formatPercent(v.mean), formatPercent(v.low), formatPercent(v.high))}
                </td>
                <td className="num" data-testid="variant-best">
                  {formatPercent(v.probabilityBest)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {report.shownByDay.length > 0 && <ShownChart report={report} />}
      {report.uplift && (
        <p data-testid="variants-uplift">
          {t.uplift(
            upliftMeasure[objective.kind],
            points(report.uplift.difference),
            points(report.uplift.low),
            points(report.uplift.high),
          )}{' '}
          {t.upliftCounts(
            formatInteger(report.uplift.invitedReached),
            formatInteger(report.uplift.invitedVisitors),
            formatInteger(report.uplift.heldReached),
            formatInteger(report.uplift.heldVisitors),
          )}
        </p>
      )}
    </section>
  );
}

function ShownChart(props: { report: Report }) {
  const host = useRef<HTMLDivElement>(null);
  const { report } = props;
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const data = shownSeries(report);
    const single = data[0].length === 1;
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth || 640),
        height: 200,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          // One day alone still gets a day's width around it.
          x: single ? { range: (_u, min) => [min - DAY_MS / 2000, min + DAY_MS / 2000] } : {},
          y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil((max ?? 0) * 1.1))] },
        },
        axes: [{}, { label: t.shareAxis, values: (_u, ticks) => ticks.map((tick) => formatInteger(tick)) }],
        series: [
          {},
          ...report.variants.map((v, index) => ({
            label: v.variant,
            stroke: colors[index % colors.length],
            width: 2,
            points: { show: true },
          })),
        ],
      },
      data,
      element,
    );
    return () => plot.destroy();
  }, [report]);
  const summary = report.shownByDay
    .map(
      (entry) =>
        `${entry.day}: ${report.variants.map((v) => `${v.variant} ${entry.shown[v.variant] ?? 0}`).join(', ')}`,
    )
    .join('; ');
  return (
    <figure className="funnel-figure">
      <div
        ref={host}
        className="funnel-chart"
        data-testid="variants-chart"
        role="img"
        aria-label={t.shareChart(summary)}
      />
      <ul className="funnel-legend">
        {report.variants.map((v, index) => (
          <li key={v.variant}>
            <span
              className="swatch"
              style={{ background: colors[index % colors.length] }}
              aria-hidden="true"
            />
            {v.variant}
          </li>
        ))}
      </ul>
    </figure>
  );
}
