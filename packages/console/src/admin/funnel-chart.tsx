import { formatInteger } from '../i18n/intl.ts';
import { messagesOf } from '../i18n/messages.ts';
import { funnelMessages } from './funnel-messages.ts';
import { funnelSteps } from './funnel-view.ts';
import { GroupedBarChart, tooltipLines as groupTooltipLines } from './grouped-bar-chart.tsx';

const t = messagesOf(funnelMessages);
const stepNames = funnelSteps.map((key) => t.step(key));
/** Whole visitors only: no 0.5 ticks on a small funnel. */
const increments = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 100_000];

/** Bar heights start at zero and the top leaves a little room; an empty funnel still shows a 0–1 axis. */
export function countRange(max: number | null): [number, number] {
  const top = Math.max(1, max ?? 0);
  return [0, top <= 5 ? top + 1 : Math.ceil((top * 11) / 10)];
}

/** The tooltip's lines for one step: the step, then each side's count. */
export function tooltipLines(step: number, sides: readonly string[], data: readonly number[][]): string[] {
  return groupTooltipLines(stepNames, step, sides, data, formatInteger);
}

/** The funnel's steps as grouped bars, one bar per A/B side; the table under it is what screen readers read. */
export function FunnelChart(props: { labels: string[]; data: number[][]; description: string }) {
  return (
    <GroupedBarChart
      groups={stepNames}
      labels={props.labels}
      data={props.data}
      description={props.description}
      axisLabel={t.visitors}
      range={countRange}
      format={formatInteger}
      increments={increments}
      testId="funnel"
    />
  );
}
