import type { ReactNode } from 'react';
import type { NumericOp } from './condition-form.ts';

export const numericOps: [NumericOp, string][] = [
  ['gte', 'at least (≥)'],
  ['gt', 'more than (>)'],
  ['lte', 'at most (≤)'],
  ['lt', 'less than (<)'],
  ['eq', 'exactly (=)'],
];

export function Labelled(props: { label: string; children: ReactNode; className?: string }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in.
    <label className={props.className ?? 'compact'}>
      <span className="label-text">{props.label}</span>
      {props.children}
    </label>
  );
}

export function OpSelect<T extends string>(props: {
  label: string;
  value: T;
  options: [T, string][];
  onChange(op: T): void;
}) {
  return (
    <Labelled label={props.label}>
      <select
        data-testid="condition-op"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** An operator and a whole number: time on page / site, number of visits. */
export function NumericComparison(props: {
  op: NumericOp;
  amount: string;
  label: string;
  testId: string;
  onChange(op: NumericOp, amount: string): void;
}) {
  const { op, amount, onChange } = props;
  return (
    <>
      <OpSelect
        label="Operator"
        value={op}
        options={numericOps}
        onChange={(next) => onChange(next, amount)}
      />
      <Labelled label={props.label}>
        <input
          data-testid={props.testId}
          type="number"
          min={0}
          value={amount}
          onChange={(e) => onChange(op, e.target.value)}
        />
      </Labelled>
    </>
  );
}
