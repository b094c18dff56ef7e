import { type ConditionNode, type Queue, type Rule, ruleInputSchema } from '@beckon/protocol';
import { useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { FormIssues, SaveStatus } from '../forms/save-status.tsx';
import { useSavedForm } from '../forms/saved-form.ts';
import { TemplateHelp } from '../forms/template-help.tsx';
import { ConditionGroup } from './condition-tree.tsx';
import { MessagePreviewPanel } from './message-preview-panel.tsx';
import { formToRuleInput, newRuleForm, type RuleForm, ruleToForm } from './rule-form.ts';
import { ruleIssueLabel } from './rule-issue-labels.ts';
import { RuleLifecyclePanel } from './rule-lifecycle-panel.tsx';
import { SmartEditor } from './smart-editor.tsx';
import { SplitEditor } from './split-editor.tsx';

/** Creates (POST /v1/widgets/:id/rules) or edits (PUT /v1/rules/:id) one rule; validated with ruleInputSchema first. */
export function RuleEditor(props: {
  widgetId: string;
  rule: Rule | undefined;
  /** For the queue picker; a rule's queue that is not listed (deleted since) still shows by its id. */
  queues: readonly Queue[];
  onSaved(rule: Rule): void;
  onDeleted(id: string): void;
  onCancel(): void;
}) {
  const id = useId();
  const saved = useSavedForm<RuleForm, ReturnType<typeof formToRuleInput>>({
    initial: props.rule ? ruleToForm(props.rule) : newRuleForm(),
    schema: ruleInputSchema,
    toBody: formToRuleInput,
    labels: (path, body, locale) => ruleIssueLabel(path, body.conditions as ConditionNode, locale),
    async save(input) {
      const rule = props.rule
        ? await api.updateRule(props.rule.id, input)
        : await api.createRule(props.widgetId, input);
      props.onSaved(rule);
      return undefined;
    },
  });
  const form = saved.values;
  const set = saved.set;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const busy = saved.state === 'saving' || deleting;
  const queueKnown = form.queueId === '' || props.queues.some((q) => q.id === form.queueId);

  async function remove() {
    if (!props.rule) return;
    setDeleting(true);
    try {
      await api.deleteRule(props.rule.id);
      props.onDeleted(props.rule.id);
    } catch (cause) {
      saved.fail(cause);
    } finally {
      setDeleting(false);
    }
  }

  return (
    <form
      className="rule-editor"
      data-testid="rule-editor"
      onSubmit={saved.submit}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h3 id={`${id}-h`}>{props.rule ? `Edit “${props.rule.name}”` : 'New rule'}</h3>
      <div className="grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            name="rule-name"
            value={form.name}
            aria-invalid={saved.errorAt('name') ? true : undefined}
            onChange={(e) => set('name', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-priority`}>Priority (higher wins)</label>
          <input
            id={`${id}-priority`}
            name="rule-priority"
            type="number"
            min={0}
            max={10000}
            value={form.priority}
            onChange={(e) => set('priority', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-queue`}>Chats from this rule go to</label>
          <select
            id={`${id}-queue`}
            name="rule-queue"
            value={form.queueId}
            onChange={(e) => set('queueId', e.target.value)}
          >
            <option value="">The widget’s queue</option>
            {props.queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
            {!queueKnown && <option value={form.queueId}>{form.queueId}</option>}
          </select>
        </div>
      </div>
      <div className="switches">
        <label className="inline">
          <input
            type="checkbox"
            name="rule-enabled"
            checked={form.enabled}
            onChange={(e) => set('enabled', e.target.checked)}
          />
          {/* A draft is never live: the switch only says whether it will be once published. */}
          {form.draft ? 'Enabled once published' : 'Enabled'}
        </label>
        <label className="inline">
          <input
            type="checkbox"
            name="rule-prechat"
            checked={form.showPrechat}
            onChange={(e) => set('showPrechat', e.target.checked)}
          />
          Ask the pre-chat survey
        </label>
        <label className="inline">
          <input
            type="checkbox"
            name="rule-draft"
            checked={form.draft}
            onChange={(e) => set('draft', e.target.checked)}
          />
          Draft (not live until published)
        </label>
      </div>
      <fieldset className="switches caps">
        <legend>Invite at most</legend>
        {(
          [
            ['perPage', 'once per page'],
            ['perVisit', 'once per visit'],
            ['perVisitor', 'once per visitor'],
          ] as const
        ).map(([cap, label]) => (
          <label className="inline" key={cap}>
            <input
              type="checkbox"
              name={`rule-cap-${cap}`}
              checked={form.caps[cap]}
              onChange={(e) => set('caps', { ...form.caps, [cap]: e.target.checked })}
            />
            {label}
          </label>
        ))}
        <label className="inline">
          <input
            type="number"
            name="rule-cap-per-day"
            min={1}
            max={100}
            placeholder="–"
            value={form.caps.perDay}
            onChange={(e) => set('caps', { ...form.caps, perDay: e.target.value })}
          />
          per day
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-message`}>Message</label>
        <textarea
          id={`${id}-message`}
          name="rule-message"
          rows={2}
          maxLength={500}
          value={form.text}
          onChange={(e) => set('text', e.target.value)}
        />
        <TemplateHelp />
      </div>
      <div className="field">
        <label htmlFor={`${id}-message-fr`}>French translation (optional)</label>
        <textarea
          id={`${id}-message-fr`}
          name="rule-message-fr"
          rows={2}
          maxLength={500}
          value={form.textFr}
          onChange={(e) => set('textFr', e.target.value)}
        />
      </div>
      <MessagePreviewPanel
        widgetId={props.widgetId}
        message={
          form.textFr.trim() ? { text: form.text, translations: { fr: form.textFr } } : { text: form.text }
        }
      />
      <SplitEditor split={form.split} onChange={(split) => set('split', split)} />
      <SmartEditor smart={form.smart} onChange={(smart) => set('smart', smart)} />
      <fieldset className="conditions">
        <legend>Conditions</legend>
        <ConditionGroup group={form.conditions} depth={0} onChange={(group) => set('conditions', group)} />
      </fieldset>

      <FormIssues testId="rule-errors" locale={saved.locale} message={saved.failure} issues={saved.issues} />
      <div className="actions">
        <button type="submit" className="primary" data-testid="save-rule" disabled={busy}>
          {props.rule ? 'Save rule' : 'Create rule'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Close
        </button>
        <SaveStatus state={saved.state} locale={saved.locale} testId="rule-save-status" />
        <span className="spacer" />
        {props.rule &&
          (confirmDelete ? (
            <span className="row">
              <span>Delete this rule?</span>
              <button
                type="button"
                className="danger"
                data-testid="confirm-delete-rule"
                onClick={() => void remove()}
              >
                Yes, delete
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="danger"
              data-testid="delete-rule"
              onClick={() => setConfirmDelete(true)}
            >
              Delete
            </button>
          ))}
      </div>
      {props.rule && (
        <RuleLifecyclePanel
          rule={props.rule}
          onChanged={(changed) => {
            saved.reset({ ...form, draft: changed.status === 'draft', hadStatus: true });
            props.onSaved(changed);
          }}
        />
      )}
    </form>
  );
}
