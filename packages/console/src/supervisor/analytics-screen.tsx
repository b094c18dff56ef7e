import { FunnelSection } from '../admin/funnel-section.tsx';
import { useWidgets } from '../admin/use-widgets.ts';
import { WidgetPicker } from '../admin/widget-picker.tsx';
import { SupervisorScreen } from './supervisor-screen.tsx';

/** Analytics: the live floor (queues, agents, conversations, surveys) and the picked widget's rule funnel. */
export function AnalyticsScreen(props: { onWatch(conversationId: string): void }) {
  const widgets = useWidgets();
  return (
    <div className="analytics stack">
      <SupervisorScreen onWatch={props.onWatch} />
      <WidgetPicker state={widgets} />
      {widgets.selected && (
        <FunnelSection key={`funnel-${widgets.selected.id}`} widgetId={widgets.selected.id} />
      )}
    </div>
  );
}
