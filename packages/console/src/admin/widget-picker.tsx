import { useId } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { adminMessages } from './admin-messages.ts';
import type { WidgetsState } from './use-widgets.ts';

/** Which widget a screen shows (its rules, its funnel), with the loading and error states of the list. */
export function WidgetPicker(props: { state: WidgetsState }) {
  const t = messagesOf(adminMessages);
  const id = useId();
  const { widgets, selected, error } = props.state;
  return (
    <div className="widget-picker row">
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!widgets && !error && <p className="muted">{t.loading}</p>}
      {widgets?.length === 0 && <p className="muted">{t.noWidgets}</p>}
      {widgets && widgets.length > 0 && (
        <>
          <label htmlFor={id} className="label-text">
            {t.widget}
          </label>
          <select
            id={id}
            data-testid="widget-picker"
            value={selected?.id ?? ''}
            onChange={(event) => props.state.select(event.target.value)}
          >
            {widgets.map((widget) => (
              <option key={widget.id} value={widget.id}>
                {widget.name}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
