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
      <label className="inline">
        {t.holdout}
        <input
          type="number"
          name="rule-holdout"
          min={0}
          max={100}
          value={split.holdoutPercent}
          onChange={(e) => onChange({ ...split, holdoutPercent: e.target.value })}
        />
        %
      </label>
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
          <label className="inline">
            {t.weight}
            <input
              type="number"
              name="variant-weight"
              min={1}
              max={100}
              value={variant.weight}
              onChange={(e) => setVariant(index, { weight: e.target.value })}
            />
          </label>
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
