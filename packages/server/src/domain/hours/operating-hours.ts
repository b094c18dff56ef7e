import type { HoursStatus } from '@beckon/protocol';
import { hoursAt } from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { Store, WidgetRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';

/** A widget's operating hours: whether it is open now, what the visitor is told, and the rule for a new chat. */
export class OperatingHours {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The widget's hours as the visitor sees them in `welcome`; undefined for a widget without hours. */
  status(widget: WidgetRow): HoursStatus | undefined {
    const hours = widget.operatingHours;
    if (!hours) return undefined;
    const state = hoursAt(hours, this.clock.now());
    const status: HoursStatus = { open: state.open };
    if (state.nextChangeAt !== undefined) status.nextChangeAt = state.nextChangeAt;
    if (hours.offlineMessage) status.offlineMessage = hours.offlineMessage;
    if (hours.offlineMessages) status.offlineMessages = hours.offlineMessages;
    return status;
  }

  isOpen(widget: WidgetRow): boolean {
    return !widget.operatingHours || hoursAt(widget.operatingHours, this.clock.now()).open;
  }

  /** The current and next opening period's bounds, for `getAgentAvailability()`. */
  period(widget: WidgetRow): { start?: number; end?: number } {
    if (!widget.operatingHours) return {};
    const state = hoursAt(widget.operatingHours, this.clock.now());
    return { start: state.periodStart, end: state.periodEnd };
  }

  /**
   * A new chat outside hours is refused; an open one carries on (the visitor is not cut off at closing time).
   * Answers the widget's current row, which the rest of `chat.start` goes on with rather than reading it again.
   */
  async requireOpenForNewChat(session: VisitorSession): Promise<WidgetRow> {
    const widget = (await this.store.getWidget(session.widget.id)) ?? session.widget;
    if (this.isOpen(widget)) return widget;
    if (await this.store.findOpenConversation(session.visitorId)) return widget;
    return fail('OUTSIDE_OPERATING_HOURS', 'The chat is closed now; see the operating hours.');
  }
}
