import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatInteger } from '../i18n/intl.ts';
import { messagesOf } from '../i18n/messages.ts';
import { funnelMessages } from './funnel-messages.ts';
import { funnelSteps } from './funnel-view.ts';

const colors = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#ca8a04'];
const t = messagesOf(funnelMessages);

/** Bar heights start at zero and the top leaves a little room; an empty funnel still shows a 0–1 axis. */
export function countRange(max: number | null): [number, number] {
  const top = Math.max(1, max ?? 0);
  return [0, top <= 5 ? top + 1 : Math.ceil((top * 11) / 10)];
}

/** The tooltip's lines for one step: the step, then each side's count. */
export function tooltipLines(step: number, sides: readonly string[], data: readonly number[][]): string[] {
  const key = funnelSteps[step];
  if (!key) return [];
  return [
    t.step(key),
    ...sides.map((side, index) => `${side}: ${formatInteger(data[index + 1]?.[step] ?? 0)}`),
  ];
}

/**
 * Grouped bars, one group per funnel step and one bar per A/B side, drawn with uPlot. uPlot's own legend (made
 * for time series) is replaced by a plain list of the sides; hovering a step shows its counts in a tooltip. The
 * same numbers are in the table under the chart, which is what screen readers read.
 */
export function FunnelChart(props: { labels: string[]; data: number[][]; description: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const sides = props.labels.length;
    const bars = uPlot.paths.bars?.({ size: [0.8 / Math.max(1, sides), 60], align: 0 });
    const tooltip = document.createElement('div');
    tooltip.className = 'funnel-tooltip';
    tooltip.dataset.testid = 'funnel-tooltip';
    tooltip.hidden = true;
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth || 640),
        height: 240,
        legend: { show: false },
        cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: [-0.5, funnelSteps.length - 0.5] },
          y: { range: (_u, _min, max) => countRange(max) },
        },
        axes: [
          {
            values: (_u, ticks) => ticks.map((tick) => t.step(funnelSteps[Math.round(tick)] ?? 'invited')),
            splits: () => funnelSteps.map((_, index) => index),
          },
          {
            label: t.visitors,
            // Whole visitors only: no 0.5 ticks on a small funnel.
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 100_000],
            values: (_u, ticks) => ticks.map((tick) => formatInteger(tick)),
          },
        ],
        series: [
          {},
          ...props.labels.map((label, index) => ({
            label,
            stroke: colors[index % colors.length],
            fill: `${colors[index % colors.length]}99`,
            paths: (u: uPlot, seriesIdx: number, idx0: number, idx1: number) => {
              // Shift each side's bars so the group sits centred on its step.
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
              const step = u.cursor.idx;
              if (step === null || step === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
                tooltip.hidden = true;
                return;
              }
              tooltip.replaceChildren(
                ...tooltipLines(step, props.labels, props.data).map((line) => {
                  const row = document.createElement('div');
                  row.textContent = line;
                  return row;
                }),
              );
              tooltip.hidden = false;
              tooltip.style.left = `${u.valToPos(step, 'x') + 12}px`;
              tooltip.style.top = `${Math.max(0, (u.cursor.top ?? 0) - 10)}px`;
            },
          ],
        },
      },
      props.data as uPlot.AlignedData,
      element,
    );
    plot.over.appendChild(tooltip);
    return () => plot.destroy();
  }, [props.labels, props.data]);
  return (
    <figure className="funnel-figure">
      <div
        ref={host}
        className="funnel-chart"
        data-testid="funnel-chart"
        role="img"
        aria-label={props.description}
      />
      <ul className="funnel-legend" data-testid="funnel-legend">
        {props.labels.map((label, index) => (
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
