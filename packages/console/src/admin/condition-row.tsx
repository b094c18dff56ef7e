import { type ConditionType, conditionDescriptors, conditionTypes, say } from '@beckon/protocol/conditions';
import { consoleLocale } from '../locale.ts';
import { initialDraft, isHidden, type LeafDraft } from './condition-draft.ts';
import type { RowForm } from './condition-form.ts';
import { conditionStrings } from './condition-strings.ts';
import { FieldInput, Labelled } from './field-inputs.tsx';

/** One condition: its type, then a control per field of its descriptor. Knows no condition type. */
export function ConditionRow(props: { row: RowForm; onChange(row: RowForm): void; onRemove(): void }) {
  const { row } = props;
  const locale = consoleLocale;
  const t = conditionStrings[locale];
  const descriptor = conditionDescriptors[row.leaf.type];
  const setLeaf = (leaf: LeafDraft) => props.onChange({ ...row, leaf });

  return (
    <div className="condition-row" data-testid="condition-row" data-type={row.leaf.type}>
      <label className="inline">
        <input
          type="checkbox"
          data-testid="condition-not"
          checked={row.negated}
          onChange={(e) => props.onChange({ ...row, negated: e.target.checked })}
        />
        {t.not}
      </label>
      <Labelled label={t.condition}>
        {(id) => (
          <select
            id={id}
            data-testid="condition-type"
            value={row.leaf.type}
            onChange={(e) => setLeaf(initialDraft(e.target.value as ConditionType))}
          >
            {conditionTypes.map((type) => (
              <option key={type} value={type}>
                {say(conditionDescriptors[type].label, locale)}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      {descriptor.fields
        .filter((field) => !isHidden(field, row.leaf.fields))
        .map((field) => (
          <FieldInput
            key={field.key}
            field={field}
            locale={locale}
            value={row.leaf.fields[field.key] ?? ''}
            onChange={(value) => setLeaf({ ...row.leaf, fields: { ...row.leaf.fields, [field.key]: value } })}
          />
        ))}
      {descriptor.hint && <span className="hint">{say(descriptor.hint, locale)}</span>}
      <button type="button" className="danger" onClick={props.onRemove} aria-label={t.removeCondition}>
        {t.remove}
      </button>
    </div>
  );
}
