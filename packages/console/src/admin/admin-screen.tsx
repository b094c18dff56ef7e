import type { Queue, Widget } from '@beckon/protocol';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { CustomerImport } from './customer-import.tsx';
import { ExplainPanel } from './explain-panel.tsx';
import { FunnelSection } from './funnel-section.tsx';
import { QueuesSection } from './queues-section.tsx';
import { QuickRepliesSection } from './quick-replies-section.tsx';
import { RulesSection } from './rules-section.tsx';
import { WidgetSettings } from './widget-settings.tsx';

/** Admin: the widget list, the selected widget's settings, and its proactive rules. */
export function AdminScreen() {
  const [widgets, setWidgets] = useState<Widget[]>();
  const [queues, setQueues] = useState<Queue[]>([]);
  const [selectedId, setSelectedId] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    Promise.all([api.widgets(), api.queues()])
      .then(([list, queueList]) => {
        if (!live) return;
        setWidgets(list);
        setQueues(queueList);
        setSelectedId((current) => current ?? list[0]?.id);
      })
      .catch((cause: unknown) => live && setError(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, []);

  const selected = widgets?.find((w) => w.id === selectedId);

  return (
    <main className="admin">
      <nav className="column left" aria-label="Widgets">
        <h2 className="section-title">Widgets</h2>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!widgets && !error && <p className="muted">Loading…</p>}
        {widgets?.length === 0 && <p className="muted">No widgets yet.</p>}
        <ul className="widget-list">
          {widgets?.map((widget) => (
            <li key={widget.id}>
              <button
                type="button"
                data-testid="widget-item"
                className={widget.id === selectedId ? 'conversation-item selected' : 'conversation-item'}
                aria-current={widget.id === selectedId ? 'true' : undefined}
                onClick={() => setSelectedId(widget.id)}
              >
                <span className="name">{widget.name}</span>
                <span className="muted">{widget.proactiveEnabled ? 'Proactive on' : 'Proactive off'}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {selected ? (
        <div className="admin-body">
          <WidgetSettings
            key={selected.id}
            widget={selected}
            queues={queues}
            onSaved={(saved) => setWidgets((list) => list?.map((w) => (w.id === saved.id ? saved : w)))}
          />
          <RulesSection key={`rules-${selected.id}`} widgetId={selected.id} queues={queues} />
          <ExplainPanel key={`explain-${selected.id}`} widgetId={selected.id} />
          <QueuesSection onQueuesChanged={setQueues} />
          <QuickRepliesSection />
          <CustomerImport />
          <FunnelSection key={`funnel-${selected.id}`} widgetId={selected.id} />
        </div>
      ) : (
        <section className="placeholder muted">
          {widgets && widgets.length > 0 && <p>Pick a widget.</p>}
        </section>
      )}
    </main>
  );
}
