import type { SplitForm } from './rule-form.ts';

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
      <legend>A/B test</legend>
      <label className="inline">
        Holdout (never invited, to measure lift)
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
      {variants.length === 0 && (
        <p className="muted">No variants: everyone not held out sees the message above.</p>
      )}
      {variants.map((variant, index) => (
        <div className="row variant" key={variant.id || index} data-testid="split-variant">
          <input
            aria-label="Variant id"
            name="variant-id"
            size={6}
            value={variant.id}
            onChange={(e) => setVariant(index, { id: e.target.value })}
          />
          <input
            aria-label={`Variant ${variant.id} message`}
            name="variant-text"
            className="grow"
            maxLength={500}
            value={variant.text}
            onChange={(e) => setVariant(index, { text: e.target.value })}
          />
          <label className="inline">
            weight
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
            Remove
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
        Add variant
      </button>
    </fieldset>
  );
}
