import { messagesOf } from '../i18n/messages.ts';
import { adminMessages } from './admin-messages.ts';
import { useWidgets } from './use-widgets.ts';
import { WidgetSettings } from './widget-settings.tsx';

/** Widgets: the list, and the selected widget's settings with its embed snippet. */
export function WidgetsScreen() {
  const t = messagesOf(adminMessages);
  const state = useWidgets();
  const { widgets, selected, error } = state;
  return (
    <div className="admin">
      <nav className="column left" aria-label={t.widgets}>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!widgets && !error && <p className="muted">{t.loading}</p>}
        {widgets?.length === 0 && <p className="muted">{t.noWidgets}</p>}
        <ul className="widget-list">
          {widgets?.map((widget) => (
            <li key={widget.id}>
              <button
                type="button"
                data-testid="widget-item"
                className={widget.id === selected?.id ? 'conversation-item selected' : 'conversation-item'}
                aria-current={widget.id === selected?.id ? 'true' : undefined}
                onClick={() => state.select(widget.id)}
              >
                <span className="name">{widget.name}</span>
                <span className="muted">{widget.proactiveEnabled ? t.proactiveOn : t.proactiveOff}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {selected ? (
        <div className="admin-body">
          <WidgetSettings key={selected.id} widget={selected} queues={state.queues} onSaved={state.replace} />
        </div>
      ) : (
        <section className="placeholder muted">
          {widgets && widgets.length > 0 && <p>{t.pickWidget}</p>}
        </section>
      )}
    </div>
  );
}
