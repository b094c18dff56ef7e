import { allowedFileTypes, type FileType } from '@beckon/protocol';
import { useId } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { consoleLocale } from '../locale.ts';
import { fileRulesMessages, fileTypeNames } from './file-rules-messages.ts';

const t = messagesOf(fileRulesMessages);

/** Which file types a widget's chats accept, and the largest file, in the widget settings. */
export function FileRulesFieldset(props: {
  fileTypes: readonly FileType[];
  fileMaxMegabytes: string;
  onTypes(types: FileType[]): void;
  onMaxMegabytes(value: string): void;
}) {
  const id = useId();
  const toggle = (type: FileType, on: boolean) =>
    props.onTypes(allowedFileTypes.filter((t) => (t === type ? on : props.fileTypes.includes(t))));
  return (
    <fieldset data-testid="file-rules" aria-describedby={`${id}-hint`}>
      <legend>{t.legend}</legend>
      <small className="muted" id={`${id}-hint`}>
        {t.hint}
      </small>
      <div className="field">
        <label htmlFor={`${id}-max`}>{t.maxSize}</label>
        <input
          id={`${id}-max`}
          data-testid="file-max-megabytes"
          type="number"
          min={0.001}
          max={100}
          step="any"
          value={props.fileMaxMegabytes}
          aria-describedby={`${id}-max-hint`}
          onChange={(e) => props.onMaxMegabytes(e.target.value)}
        />
        <small className="muted" id={`${id}-max-hint`}>
          {t.maxSizeHint}
        </small>
      </div>
      <fieldset className="file-types">
        <legend>{t.types}</legend>
        {allowedFileTypes.map((type) => (
          <label key={type} className="check">
            <input
              type="checkbox"
              data-testid={`file-type-${type}`}
              checked={props.fileTypes.includes(type)}
              onChange={(e) => toggle(type, e.target.checked)}
            />
            <span>{fileTypeNames[type][consoleLocale]}</span>
          </label>
        ))}
        {props.fileTypes.length === 0 && <small className="muted">{t.none}</small>}
      </fieldset>
    </fieldset>
  );
}
