import { useId } from 'react';

/**
 * A fieldset of checkboxes, one per value, each labelled with its words and its code name (an API token's
 * scopes, a webhook's events): `chosen` holds the ticked values in the order they were ticked.
 */
export function CheckboxGroup<T extends string>(props: {
  legend: string;
  values: readonly T[];
  chosen: T[];
  describe(value: string): string;
  onChange(chosen: T[]): void;
}) {
  const id = useId();
  const { chosen } = props;
  return (
    <fieldset className="stack">
      <legend>{props.legend}</legend>
      {props.values.map((value) => (
        <div className="check" key={value}>
          <input
            id={`${id}-${value}`}
            type="checkbox"
            value={value}
            checked={chosen.includes(value)}
            onChange={(event) =>
              props.onChange(event.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value))
            }
          />
          <label htmlFor={`${id}-${value}`}>
            {props.describe(value)} <code>{value}</code>
          </label>
        </div>
      ))}
    </fieldset>
  );
}
