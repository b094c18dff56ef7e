import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { funnelSteps } from './funnel-view.ts';

const colors = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#ca8a04'];

/** Grouped bars, one group per funnel step and one bar per A/B side, drawn with uPlot. */
export function FunnelChart(props: { labels: string[]; data: number[][] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const sides = props.labels.length;
    const bars = uPlot.paths.bars?.({ size: [0.8 / Math.max(1, sides), 60], align: 0 });
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth || 640),
        height: 220,
        scales: { x: { time: false, range: [-0.5, funnelSteps.length - 0.5] } },
        axes: [
          {
            values: (_u, ticks) => ticks.map((tick) => funnelSteps[Math.round(tick)]?.[1] ?? ''),
            splits: () => funnelSteps.map((_, index) => index),
          },
          {},
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
      },
      props.data as uPlot.AlignedData,
      element,
    );
    return () => plot.destroy();
  }, [props.labels, props.data]);
  return (
    <div
      ref={host}
      className="funnel-chart"
      data-testid="funnel-chart"
      role="img"
      aria-label="Funnel chart"
    />
  );
}
