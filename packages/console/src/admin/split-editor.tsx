import { useId } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { editorMessages } from './editor-messages.ts';
import type { SplitForm } from './rule-form.ts';

const t = messagesOf(editorMessages);

/** A/B split: message variants with weights, and a holdout share that is never invited (for measuring lift). */
export function SplitEditor(props: { split: SplitForm; onChange(split: SplitForm): void }) {
  const { split, onChange } = props;
  const variants = split.variants;
  const setVariant = (index: number, patch: Partial<SplitForm['variants'][number]>) =>
    onChange({ ...split, variants: variants.map((v, i) => (i === index ? { ...v, ...patch } : v)) });
  const nextId = () => {
    const used = new Set(variants.map((v) => v.id));
    return [...'ABCDEFGHIJ'].find((letter) => !used.has(letter)) ?? `V${variants.length + 1}`;
  };
  return (
    <fieldset className="split" data-testid="split-editor">
      <legend>{t.abTest}</legend>
      <NumberField
        label={t.holdout}
        name="rule-holdout"
        min={0}
        max={100}
        value={split.holdoutPercent}
        onChange={(holdoutPercent) => onChange({ ...split, holdoutPercent })}
        unit="%"
      />
      {variants.length > 1 && (
        <label className="inline">
          <input
            type="checkbox"
            name="rule-optimise"
            checked={split.optimise}
            onChange={(e) => onChange({ ...split, optimise: e.target.checked })}
          />
          {t.optimise}
        </label>
      )}
      {variants.length > 1 && split.optimise && <ObjectiveEditor split={split} onChange={onChange} />}
      {variants.length === 0 && <p className="muted">{t.noVariants}</p>}
      {variants.map((variant, index) => (
        <div className="row variant" key={variant.id || index} data-testid="split-variant">
          <input
            aria-label={t.variantId}
            name="variant-id"
            size={6}
            value={variant.id}
            onChange={(e) => setVariant(index, { id: e.target.value })}
          />
          <input
            aria-label={t.variantMessage(variant.id)}
            name="variant-text"
            className="grow"
            maxLength={500}
            value={variant.text}
            onChange={(e) => setVariant(index, { text: e.target.value })}
          />
          <NumberField
            label={t.weight}
            name="variant-weight"
            min={1}
            max={100}
            value={variant.weight}
            onChange={(weight) => setVariant(index, { weight })}
          />
          <button
            type="button"
            className="danger"
            onClick={() => onChange({ ...split, variants: variants.filter((_, i) => i !== index) })}
          >
            {t.remove}
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid="add-variant"
        onClick={() =>
          onChange({ ...split, variants: [...variants, { id: nextId(), text: '', weight: '1' }] })
        }
      >
        {t.addVariant}
      </button>
    </fieldset>
  );
}

/** What optimising maximises: the invitation accepted, a chat an agent answered, or a tracked event in a window. */
function ObjectiveEditor(props: { split: SplitForm; onChange(split: SplitForm): void }) {
  const { split, onChange } = props;
  const selectId = useId();
  return (
    <div className="row objective" data-testid="split-objective">
      {/* Labelled by id, not by nesting: a nested select's name would take in the chosen option's text. */}
      <label className="inline" htmlFor={selectId}>
        {t.objective}
      </label>
      <select
        id={selectId}
        name="rule-objective"
        value={split.objective}
        onChange={(e) => onChange({ ...split, objective: e.target.value as SplitForm['objective'] })}
      >
        <option value="accepted">{t.objectiveAccepted}</option>
        <option value="chat">{t.objectiveChat}</option>
        <option value="event">{t.objectiveEvent}</option>
      </select>
      {split.objective === 'event' && (
        <>
          <label className="inline">
            {t.objectiveEventName}
            <input
              name="rule-objective-event"
              maxLength={64}
              required
              value={split.objectiveEvent}
              onChange={(e) => onChange({ ...split, objectiveEvent: e.target.value })}
            />
          </label>
          <NumberField
            label={t.objectiveWindow}
            name="rule-objective-window"
            min={1}
            max={720}
            value={split.objectiveWindowHours}
            onChange={(objectiveWindowHours) => onChange({ ...split, objectiveWindowHours })}
          />
        </>
      )}
    </div>
  );
}

/** A whole number in a label, with its unit after it; the text is kept as typed (the schema judges it). */
function NumberField(props: {
  label: string;
  name: string;
  min: number;
  max: number;
  value: string;
  onChange(value: string): void;
  unit?: string;
}) {
  return (
    <label className="inline">
      {props.label}
      <input
        type="number"
        name={props.name}
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.unit}
    </label>
  );
}
