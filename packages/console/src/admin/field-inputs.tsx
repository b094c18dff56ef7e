import {
  dayNames,
  type FieldDescriptor,
  type FieldKind,
  type Locale,
  say,
} from '@beckon/protocol/conditions';
import { type ReactNode, useId } from 'react';
import { conditionStrings } from './condition-strings.ts';
import type { FieldDraft, TypedValueDraft, TypedValueKind, WeekdaysDraft } from './field-kinds.ts';

/** One generic control per input kind of a condition field; the descriptor gives its label, unit and options. */

interface InputProps<D extends FieldDraft = FieldDraft> {
  field: FieldDescriptor;
  value: D;
  locale: Locale;
  onChange(value: D): void;
}

/**
 * A control with its label tied by id (not wrapped), so the control's accessible name is the label alone and
 * not the label plus the selected option's text.
 */
export function Labelled(props: { label: string; children: (id: string) => ReactNode; className?: string }) {
  const id = useId();
  return (
    <span className={`labelled ${props.className ?? 'compact'}`}>
      <label htmlFor={id} className="label-text">
        {props.label}
      </label>
      {props.children(id)}
    </span>
  );
}

const testId = (field: FieldDescriptor) => `condition-${field.key}`;

function TextInput(props: InputProps<string> & { type?: string; className?: string }) {
  const { field } = props;
  return (
    <Labelled label={say(field.label, props.locale)} className={props.className}>
      {(id) => (
        <input
          id={id}
          data-testid={testId(field)}
          type={props.type ?? 'text'}
          value={props.value}
          placeholder={field.placeholder}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Labelled>
  );
}

function NumberInput(props: InputProps<string>) {
  const { field, locale } = props;
  const unit = field.unit ? say(field.unit, locale) : undefined;
  return (
    <Labelled label={unit ? `${say(field.label, locale)} (${unit})` : say(field.label, locale)}>
      {(id) => (
        <input
          id={id}
          data-testid={testId(field)}
          type="number"
          min={0}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Labelled>
  );
}

function SelectInput(props: InputProps<string>) {
  const { field, locale } = props;
  return (
    <Labelled label={say(field.label, locale)}>
      {(id) => (
        <select
          id={id}
          data-testid={testId(field)}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        >
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {say(option.label, locale)}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

function LinesInput(props: InputProps<string>) {
  const { field } = props;
  return (
    <Labelled label={say(field.label, props.locale)} className="compact grow">
      {(id) => (
        <textarea
          id={id}
          data-testid={testId(field)}
          rows={3}
          value={props.value}
          placeholder={field.placeholder}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Labelled>
  );
}

function ChoicesInput(props: InputProps<string[]>) {
  const { field, locale, value } = props;
  return (
    <fieldset className="days">
      <legend>{say(field.label, locale)}</legend>
      {(field.options ?? []).map((option) => (
        <label className="inline" key={option.value}>
          <input
            type="checkbox"
            checked={value.includes(option.value)}
            onChange={(e) =>
              props.onChange(
                e.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value),
              )
            }
          />
          {say(option.label, locale)}
        </label>
      ))}
    </fieldset>
  );
}

function WeekdaysInput(props: InputProps<WeekdaysDraft>) {
  const { field, locale, value } = props;
  const toggle = (day: number, on: boolean) =>
    props.onChange({
      ...value,
      days: on
        ? [...value.days.filter((d) => d !== day), day].sort((a, b) => a - b)
        : value.days.filter((d) => d !== day),
    });
  return (
    <fieldset className="days">
      <legend>{say(field.label, locale)}</legend>
      <label className="inline">
        <input
          type="checkbox"
          checked={value.everyDay}
          onChange={(e) => props.onChange({ ...value, everyDay: e.target.checked })}
        />
        {conditionStrings[locale].everyDay}
      </label>
      {dayNames[locale].map((name, day) => (
        <label className="inline" key={name}>
          <input
            type="checkbox"
            disabled={value.everyDay}
            checked={value.everyDay || value.days.includes(day)}
            onChange={(e) => toggle(day, e.target.checked)}
          />
          {name}
        </label>
      ))}
    </fieldset>
  );
}

function TypedValueInput(props: InputProps<TypedValueDraft>) {
  const { field, locale, value } = props;
  const t = conditionStrings[locale];
  const kinds: TypedValueKind[] = ['string', 'number', 'boolean', 'none'];
  return (
    <>
      <Labelled label={t.valueType}>
        {(id) => (
          <select
            id={id}
            value={value.kind}
            onChange={(e) => props.onChange({ ...value, kind: e.target.value as TypedValueKind })}
          >
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t.valueKinds[kind]}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      {value.kind === 'boolean' ? (
        <Labelled label={say(field.label, locale)}>
          {(id) => (
            <select
              id={id}
              data-testid={testId(field)}
              value={value.text === 'true' ? 'true' : 'false'}
              onChange={(e) => props.onChange({ ...value, text: e.target.value })}
            >
              <option value="true">{t.yes}</option>
              <option value="false">{t.no}</option>
            </select>
          )}
        </Labelled>
      ) : value.kind !== 'none' ? (
        <Labelled label={say(field.label, locale)}>
          {(id) => (
            <input
              id={id}
              data-testid={testId(field)}
              type={value.kind === 'number' ? 'number' : 'text'}
              value={value.text}
              onChange={(e) => props.onChange({ ...value, text: e.target.value })}
            />
          )}
        </Labelled>
      ) : null}
    </>
  );
}

type AnyInput = (props: InputProps<never>) => ReactNode;

const inputs: Record<FieldKind, AnyInput> = {
  number: NumberInput,
  text: TextInput,
  urlPattern: (props: InputProps<string>) => <TextInput {...props} className="compact grow" />,
  timeZone: TextInput,
  select: SelectInput,
  boolean: SelectInput,
  list: (props: InputProps<string>) => <TextInput {...props} className="compact grow" />,
  lines: LinesInput,
  choices: ChoicesInput,
  date: (props: InputProps<string>) => <TextInput {...props} type="date" />,
  time: (props: InputProps<string>) => <TextInput {...props} type="time" />,
  weekdays: WeekdaysInput,
  json: (props: InputProps<string>) => <TextInput {...props} className="compact grow" />,
  typedValue: TypedValueInput,
};

/** The control for one field, chosen by its input kind. */
export function FieldInput(props: InputProps) {
  const Input = inputs[props.field.kind] as (props: InputProps) => ReactNode;
  return <Input {...props} />;
}
