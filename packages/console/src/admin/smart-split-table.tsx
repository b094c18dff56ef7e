import type { SmartSplit } from '@beckon/protocol';
import { useMemo } from 'react';
import { formatInteger, formatPercent } from '../i18n/intl.ts';
import { messagesOf } from '../i18n/messages.ts';
import { TableScroll } from '../shell/table-scroll.tsx';
import { GroupedBarChart } from './grouped-bar-chart.tsx';
import {
  shareRange,
  smartSplitCells,
  smartSplitMessages,
  smartSplitOutcomes,
  smartSplitRows,
  smartSplitShares,
} from './smart-split-view.ts';

const t = messagesOf(smartSplitMessages);
const outcomeNames = smartSplitOutcomes.map((outcome) => t.row(outcome));

/**
 * What became of each side's shown invitations (accepted, dismissed, expired, taken by an agent) as shares of its
 * shown, as grouped bars; its text alternative reads the same shares, and the table beside it has every number.
 */
export function SmartSplitChart(props: { split: SmartSplit; scope: string }) {
  const { split, scope } = props;
  const data = useMemo(() => smartSplitShares(split), [split]);
  const labels = useMemo(
    () => [
      t.side(t.smart, formatInteger(split.smart.shown)),
      t.side(t.static, formatInteger(split.static.shown)),
    ],
    [split],
  );
  const summary = labels
    .map(
      (label, side) =>
        `${label}: ${outcomeNames.map((name, index) => `${name} ${formatPercent(data[side + 1]?.[index] ?? 0)}`).join(', ')}`,
    )
    .join('; ');
  return (
    <GroupedBarChart
      groups={outcomeNames}
      labels={labels}
      data={data}
      description={t.chartLabel(scope, summary)}
      axisLabel={t.share}
      range={shareRange}
      format={formatPercent}
      testId="smart-split"
    />
  );
}

/**
 * Smart and static invitations side by side: the chart of what became of them, then the table, one column each and
 * one row per figure (a caption names the scope), which screen readers read.
 */
export function SmartSplitTable(props: { split: SmartSplit; scope: string }) {
  const caption = t.caption(props.scope);
  return (
    <>
      <SmartSplitChart split={props.split} scope={props.scope} />
      <TableScroll label={caption}>
        <table className="data-table smart-split-table" data-testid="smart-split">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.figure}</th>
              <th scope="col" className="num">
                {t.smart}
              </th>
              <th scope="col" className="num">
                {t.static}
              </th>
            </tr>
          </thead>
          <tbody>
            {smartSplitRows.map((row) => (
              <tr key={row} data-row={row}>
                <th scope="row">{t.row(row)}</th>
                {smartSplitCells(props.split, row).map((value, index) => (
                  <td
                    key={index === 0 ? 'smart' : 'static'}
                    className="num"
                    data-kind={index === 0 ? 'smart' : 'static'}
                  >
                    {value === undefined
                      ? '–'
                      : row === 'acceptanceRate'
                        ? formatPercent(value)
                        : formatInteger(value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** The widget's split, with what smart and static mean. */
export function SmartSplitSummary(props: { split: SmartSplit }) {
  return (
    <section aria-labelledby="smart-split-heading" data-testid="smart-split-summary">
      <h3 id="smart-split-heading">{t.heading}</h3>
      <p className="muted">{t.explain}</p>
      <SmartSplitTable split={props.split} scope={t.allRules} />
    </section>
  );
}
