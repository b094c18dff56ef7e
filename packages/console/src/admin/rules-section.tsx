import type { Queue, Rule } from '@beckon/protocol';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { summarizeConditions } from './condition-summary.ts';
import { RuleEditor } from './rule-editor.tsx';
import { sectionMessages } from './section-messages.ts';

const t = messagesOf(sectionMessages);

export function byPriority(a: Rule, b: Rule): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; rule: Rule };

/** The widget's proactive rules, highest priority first (the order the engine tries them), and the editor. */
export function RulesSection(props: { widgetId: string; queues: readonly Queue[] }) {
  const [rules, setRules] = useState<Rule[]>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });

  const load = useCallback(() => {
    api
      .rules(props.widgetId)
      .then((list) => setRules([...list].sort(byPriority)))
      .catch((cause: unknown) => setError(errorMessage(cause)));
  }, [props.widgetId]);

  useEffect(load, [load]);

  return (
    <section className="card rules" aria-labelledby="rules-heading">
      <header className="row">
        <h2 id="rules-heading">{t.proactiveRules}</h2>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          data-testid="new-rule"
          onClick={() => setEditing({ kind: 'new' })}
        >
          {t.newRule}
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rules?.length === 0 && <p className="muted">{t.noRules}</p>}
      <ul className="rule-list">
        {rules?.map((rule) => (
          <li key={rule.id}>
            <button
              type="button"
              className={
                editing.kind === 'edit' && editing.rule.id === rule.id ? 'rule-item selected' : 'rule-item'
              }
              data-testid="rule-item"
              data-rule-id={rule.id}
              onClick={() => setEditing({ kind: 'edit', rule })}
            >
              <span className="rule-line">
                <strong className="name">{rule.name}</strong>
                <span className="muted">{t.priority(rule.priority)}</span>
                {/* A draft is not live whatever its switch says: it shows Draft alone, never "Enabled". */}
                {rule.status === 'draft' ? (
                  <span className="status status-waiting" data-testid="rule-draft-tag">
                    {t.draft}
                  </span>
                ) : (
                  <span
                    className={rule.enabled ? 'status status-active' : 'status status-ended'}
                    data-testid="rule-enabled-tag"
                  >
                    {rule.enabled ? t.enabled : t.disabled}
                  </span>
                )}
              </span>
              <span className="summary muted">{summarizeConditions(rule.conditions)}</span>
            </button>
          </li>
        ))}
      </ul>
      {editing.kind !== 'none' && (
        <RuleEditor
          key={editing.kind === 'edit' ? editing.rule.id : 'new'}
          widgetId={props.widgetId}
          queues={props.queues}
          rule={editing.kind === 'edit' ? editing.rule : undefined}
          onSaved={(rule) => {
            setRules((list) => [...(list ?? []).filter((r) => r.id !== rule.id), rule].sort(byPriority));
            setEditing({ kind: 'edit', rule });
          }}
          onDeleted={(id) => {
            setRules((list) => list?.filter((r) => r.id !== id));
            setEditing({ kind: 'none' });
          }}
          onCancel={() => setEditing({ kind: 'none' })}
        />
      )}
    </section>
  );
}
