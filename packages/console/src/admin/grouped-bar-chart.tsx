import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const colors = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#ca8a04'];

/** The tooltip's lines for one group: the group's name, then each side's value. */
export function tooltipLines(
  groups: readonly string[],
  group: number,
  sides: readonly string[],
  data: readonly number[][],
  format: (value: number) => string,
): string[] {
  const name = groups[group];
  if (name === undefined) return [];
  return [name, ...sides.map((side, index) => `${side}: ${format(data[index + 1]?.[group] ?? 0)}`)];
}

export interface GroupedBarChartProps {
  /** One name per group of bars, left to right. */
  groups: string[];
  /** One name per side (bar of each group). */
  labels: string[];
  /** uPlot's aligned data: the group indexes, then one row of values per side. */
  data: number[][];
  /** The chart's text alternative; the numbers are also in a table beside it. */
  description: string;
  /** The value axis's label, its range and how a value reads. */
  axisLabel: string;
  range: (max: number | null) => [number, number];
  format: (value: number) => string;
  /** Axis steps: whole counts only, say, so a small chart has no 0.5 ticks. */
  increments?: number[];
  /** The chart is `<testId>-chart`, its tooltip `<testId>-tooltip`, its legend `<testId>-legend`. */
  testId: string;
}

/**
 * Grouped bars, one group per figure and one bar per side, drawn with uPlot. uPlot's own legend (made for time
 * series) is replaced by a plain list of the sides; hovering a group shows its values in a tooltip. The same numbers
 * are in a table beside the chart, which is what screen readers read.
 */
export function GroupedBarChart(props: GroupedBarChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const { groups, labels, data, axisLabel, range, format, increments, testId } = props;
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const sides = labels.length;
    const bars = uPlot.paths.bars?.({ size: [0.8 / Math.max(1, sides), 60], align: 0 });
    const tooltip = document.createElement('div');
    tooltip.className = 'funnel-tooltip';
    tooltip.dataset.testid = `${testId}-tooltip`;
    tooltip.hidden = true;
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth || 640),
        height: 240,
        legend: { show: false },
        cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: [-0.5, groups.length - 0.5] },
          y: { range: (_u, _min, max) => range(max) },
        },
        axes: [
          {
            values: (_u, ticks) => ticks.map((tick) => groups[Math.round(tick)] ?? ''),
            splits: () => groups.map((_, index) => index),
          },
          {
            label: axisLabel,
            ...(increments && { incrs: increments }),
            values: (_u, ticks) => ticks.map((tick) => format(tick)),
          },
        ],
        series: [
          {},
          ...labels.map((label, index) => ({
            label,
            stroke: colors[index % colors.length],
            fill: `${colors[index % colors.length]}99`,
            paths: (u: uPlot, seriesIdx: number, idx0: number, idx1: number) => {
              // Shift each side's bars so the group sits centred on its figure.
              const offset = (index - (sides - 1) / 2) * (0.8 / Math.max(1, sides));
              const shifted = u.data[0].map((x) => (x as number) + offset);
              const original = u.data[0];
              (u.data as unknown[])[0] = shifted;
              const path = bars?.(u, seriesIdx, idx0, idx1) ?? null;
              (u.data as unknown[])[0] = original;
              return path;
            },
            points: { show: false },
          })),
        ],
        hooks: {
          // The axis is drawn on a canvas; its range is also kept on the element, where tests can read it.
          setScale: [
            (u, key) => {
              if (key === 'y') element.dataset.countAxis = `${u.scales.y?.min}-${u.scales.y?.max}`;
            },
          ],
          setCursor: [
            (u) => {
              const group = u.cursor.idx;
              if (group === null || group === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
                tooltip.hidden = true;
                return;
              }
              tooltip.replaceChildren(
                ...tooltipLines(groups, group, labels, data, format).map((line) => {
                  const row = document.createElement('div');
                  row.textContent = line;
                  return row;
                }),
              );
              tooltip.hidden = false;
              tooltip.style.left = `${u.valToPos(group, 'x') + 12}px`;
              tooltip.style.top = `${Math.max(0, (u.cursor.top ?? 0) - 10)}px`;
            },
          ],
        },
      },
      data as uPlot.AlignedData,
      element,
    );
    plot.over.appendChild(tooltip);
    return () => plot.destroy();
  }, [groups, labels, data, axisLabel, range, format, increments, testId]);
  return (
    <figure className="funnel-figure">
      <div
        ref={host}
        className="funnel-chart"
        data-testid={`${testId}-chart`}
        role="img"
        aria-label={props.description}
      />
      <ul className="funnel-legend" data-testid={`${testId}-legend`}>
        {labels.map((label, index) => (
          <li key={label}>
            <span
              className="swatch"
              style={{ background: colors[index % colors.length] }}
              aria-hidden="true"
            />
            {label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
