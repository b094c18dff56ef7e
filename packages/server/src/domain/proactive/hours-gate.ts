import { hoursAt } from '@beckon/rules';
import type { WidgetRow } from '../../ports/store.ts';
import type { Veto } from './caps.ts';

/** No invitation outside the widget's operating hours: nobody would answer. Lifts when the widget opens. */
export function hoursVeto(widget: WidgetRow, now: number): Veto | undefined {
  if (!widget.operatingHours) return undefined;
  const state = hoursAt(widget.operatingHours, now);
  if (state.open) return undefined;
  return {
    gate: 'closed-hours',
    reason: `Outside the widget's operating hours (${widget.operatingHours.timeZone}).`,
    until: state.nextChangeAt,
  };
}
