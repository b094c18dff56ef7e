import type { Rule, RulePreview, RuleVersion } from '@beckon/protocol';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { formatDateTime } from '../i18n/intl.ts';
import { messagesOf } from '../i18n/messages.ts';
import { editorMessages } from './editor-messages.ts';

const t = messagesOf(editorMessages);

/** The page URL with the preview parameter added (keeps the page's own query and fragment). */
export function previewUrl(pageUrl: string, preview: RulePreview): string {
  const url = new URL(pageUrl);
  url.searchParams.set('beckon_preview', preview.token);
  return url.toString();
}

/** Publish / unpublish, a preview link for the live site, and the rule's version history. */
export function RuleLifecyclePanel(props: { rule: Rule; onChanged(rule: Rule): void }) {
  const { rule } = props;
  const id = useId();
  const [versions, setVersions] = useState<RuleVersion[]>();
  const [pageUrl, setPageUrl] = useState(`${location.origin}/demo/index.html`);
  const [link, setLink] = useState<string>();
  const [error, setError] = useState<string>();
  const draft = rule.status === 'draft';

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload the history whenever the rule version changes.
  useEffect(() => {
    let live = true;
    api
      .ruleVersions(rule.id)
      .then((list) => live && setVersions(list))
      .catch((cause: unknown) => live && setError(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, [rule.id, rule.updatedAt]);

  async function publish(on: boolean) {
    setError(undefined);
    try {
      props.onChanged(await api.publishRule(rule.id, on));
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }

  async function preview() {
    setError(undefined);
    try {
      setLink(previewUrl(pageUrl, await api.rulePreview(rule.id)));
    } catch (cause) {
      setError(
        cause instanceof TypeError
          ? 'Enter a full page URL, e.g. https://shop.example/pricing'
          : errorMessage(cause),
      );
    }
  }

  return (
    <section className="rule-lifecycle" data-testid="rule-lifecycle" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>
        {t.status} <span data-testid="rule-status">{draft ? t.draftStatus : t.publishedStatus}</span>
      </h4>
      <div className="row">
        {draft ? (
          <button
            type="button"
            className="primary"
            data-testid="publish-rule"
            onClick={() => void publish(true)}
          >
            {t.publish}
          </button>
        ) : (
          <button type="button" data-testid="unpublish-rule" onClick={() => void publish(false)}>
            {t.backToDraft}
          </button>
        )}
      </div>
      <div className="row">
        <label className="inline grow">
          {t.previewOnPage}
          <input
            name="preview-page"
            className="grow"
            value={pageUrl}
            onChange={(e) => setPageUrl(e.target.value)}
          />
        </label>
        <button type="button" data-testid="preview-rule" onClick={() => void preview()}>
          {t.getPreviewLink}
        </button>
      </div>
      {link && (
        <p>
          {t.previewHint}{' '}
          <a href={link} target="_blank" rel="noreferrer" data-testid="preview-link">
            {link}
          </a>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <details>
        <summary>{t.history(versions ? String(versions.length) : '…')}</summary>
        <ol className="rule-history" data-testid="rule-history">
          {versions?.map((version) => (
            <li key={version.version}>
              {t.historyLine(version.version, version.action, version.userName, formatDateTime(version.at))} —
              “{version.rule.name}”, {version.rule.status === 'draft' ? t.draft : t.published}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
