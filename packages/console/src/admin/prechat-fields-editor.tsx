import type { PrechatField } from '@beckon/protocol';
import { messagesOf } from '../i18n/messages.ts';
import { editorMessages } from './editor-messages.ts';
import { newPrechatField, type PrechatFieldDraft } from './widget-form.ts';

const t = messagesOf(editorMessages);

const kinds: PrechatField['kind'][] = ['text', 'email', 'tel'];

/** Pre-chat survey fields: add / remove rows; `maps to` says which customer field an answer is matched on. */
export function PrechatFieldsEditor(props: {
  fields: PrechatFieldDraft[];
  onChange(fields: PrechatFieldDraft[]): void;
}) {
  const update = (key: string, change: Partial<PrechatFieldDraft>) =>
    props.onChange(props.fields.map((f) => (f.key === key ? { ...f, ...change } : f)));

  return (
    <fieldset className="prechat-fields">
      <legend>{t.prechatFields}</legend>
      {props.fields.length === 0 && <p className="muted">{t.noPrechat}</p>}
      {props.fields.map((field, index) => {
        const n = index + 1;
        return (
          <div className="row prechat-row" key={field.key} data-testid="prechat-field">
            <label>
              <span className="visually-hidden">{t.fieldN(n)}</span>
              {t.name}
              <input value={field.name} onChange={(e) => update(field.key, { name: e.target.value })} />
            </label>
            <label>
              <span className="visually-hidden">{t.fieldN(n)}</span>
              {t.label}
              <input value={field.label} onChange={(e) => update(field.key, { label: e.target.value })} />
            </label>
            <label>
              <span className="visually-hidden">{t.fieldN(n)}</span>
              {t.kind}
              <select
                value={field.kind}
                onChange={(e) => update(field.key, { kind: e.target.value as PrechatField['kind'] })}
              >
                {kinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {kind}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={field.required}
                onChange={(e) => update(field.key, { required: e.target.checked })}
              />
              {t.required}
              <span className="visually-hidden">{t.fieldSuffix(n)}</span>
            </label>
            <label>
              <span className="visually-hidden">{t.fieldN(n)}</span>
              {t.mapsTo}
              <select
                value={field.mapsTo}
                onChange={(e) => update(field.key, { mapsTo: e.target.value as PrechatFieldDraft['mapsTo'] })}
              >
                <option value="">—</option>
                <option value="name">name</option>
                <option value="email">email</option>
                <option value="phone">phone</option>
              </select>
            </label>
            <button
              type="button"
              className="danger"
              onClick={() => props.onChange(props.fields.filter((f) => f.key !== field.key))}
            >
              {t.remove}
              <span className="visually-hidden">{t.removeField(n)}</span>
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => props.onChange([...props.fields, newPrechatField()])}>
        {t.addField}
      </button>
    </fieldset>
  );
}
