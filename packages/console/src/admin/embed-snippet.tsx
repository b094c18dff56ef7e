import { useId } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { useCopy } from '../shell/use-copy.ts';
import { editorMessages } from './editor-messages.ts';

const t = messagesOf(editorMessages);

export function embedSnippet(origin: string, key: string): string {
  return `<script src="${origin}/widget.js" data-widget="${key}" async></script>`;
}

/** The line a site adds to its pages, with a copy button (falls back to selecting the text). */
export function EmbedSnippet(props: { widgetKey: string }) {
  const id = useId();
  const snippet = embedSnippet(window.location.origin, props.widgetKey);
  const { copied, copy } = useCopy(snippet, () =>
    (document.getElementById(id) as HTMLTextAreaElement | null)?.select(),
  );

  return (
    <div className="field embed">
      <label htmlFor={id}>{t.embedCode}</label>
      <div className="row">
        <textarea
          id={id}
          data-testid="embed-snippet"
          readOnly
          rows={2}
          value={snippet}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" data-testid="copy-snippet" onClick={() => void copy()}>
          {t.copy}
        </button>
      </div>
      <span className="muted" role="status">
        {copied === 'yes' ? t.copied : copied === 'no' ? t.copyByHand : ''}
      </span>
    </div>
  );
}
