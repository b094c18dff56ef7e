import { ExplainPanel } from './explain-panel.tsx';
import { RulesSection } from './rules-section.tsx';
import { useWidgets } from './use-widgets.ts';
import { WidgetPicker } from './widget-picker.tsx';

/** Rules: the picked widget's proactive rules and the explain panel for that widget. */
export function RulesScreen() {
  const state = useWidgets();
  const { selected } = state;
  return (
    <div className="admin-body">
      <WidgetPicker state={state} />
      {selected && (
        <>
          <RulesSection key={`rules-${selected.id}`} widgetId={selected.id} queues={state.queues} />
          <ExplainPanel key={`explain-${selected.id}`} widgetId={selected.id} />
        </>
      )}
    </div>
  );
}
