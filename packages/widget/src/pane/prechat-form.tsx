import type { PrechatField } from '@beckon/protocol';
import type { PaneStrings } from '../i18n.ts';

interface Props {
  fields: readonly PrechatField[];
  strings: PaneStrings;
  onSubmit(answers: Record<string, string>): void;
}

/** The pre-chat survey: one input per configured field, named exactly like the field; the browser validates. */
export function PrechatForm({ fields, strings, onSubmit }: Props) {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const answers: Record<string, string> = {};
    for (const field of fields) {
      const input = form.elements.namedItem(field.name);
      const value = input instanceof HTMLInputElement ? input.value.trim().slice(0, 500) : '';
      if (value) answers[field.name] = value;
    }
    onSubmit(answers);
  };
  return (
    <form class="pre" data-testid="beckon-prechat" onSubmit={submit}>
      <p>{strings.prechatTitle}</p>
      {fields.map((field) => (
        <label key={field.name}>
          <span>
            {field.label}
            {field.required && (
              <span class="req" aria-hidden="true">
                {' *'}
              </span>
            )}
          </span>
          <input
            name={field.name}
            type={field.kind}
            required={field.required}
            maxLength={500}
            autoComplete={
              field.kind === 'email'
                ? 'email'
                : field.kind === 'tel'
                  ? 'tel'
                  : field.mapsTo === 'name'
                    ? 'name'
                    : 'on'
            }
          />
        </label>
      ))}
      <button type="submit" class="b" data-testid="beckon-prechat-submit">
        {strings.prechatSubmit}
      </button>
    </form>
  );
}
