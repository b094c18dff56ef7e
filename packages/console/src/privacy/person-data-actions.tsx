import type { ErasureResult } from '@beckon/protocol';
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { privacyMessages } from './privacy-messages.ts';

const t = messagesOf(privacyMessages);

type Subject = 'customer' | 'visitor';

/** Saves the JSON as a file the way a link with `download` would (the answer was checked first). */
function saveJson(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the file to the browser; the object URL can go on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Admin: "Export data" downloads everything held about one person; "Erase" asks first, in a dialog that says
 * what goes, then erases it everywhere. Used on the Privacy screen and in the workspace's customer panel.
 */
export function PersonDataActions(props: {
  type: Subject;
  id: string;
  /** How the dialog names the person. */
  name: string;
  onErased?(result: ErasureResult): void;
  /** Said when there is no id to act on yet. */
  missingId?: string;
}) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const eraseButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  function ready(): boolean {
    setProblem(undefined);
    setNotice(undefined);
    if (props.id.trim() !== '') return true;
    setProblem(props.missingId ?? t.needId);
    return false;
  }

  async function exportData() {
    if (!ready()) return;
    setBusy(true);
    try {
      const data = await api.exportPersonalData(props.type, props.id.trim());
      saveJson(`beckon-${props.type}-${props.id.trim()}.json`, data);
      setNotice(t.exported(props.id.trim()));
    } catch (cause) {
      setProblem(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  async function erase() {
    setBusy(true);
    try {
      const result = await api.erasePersonalData(props.type, props.id.trim());
      setConfirming(false);
      const { visitors, conversations, messages } = result.erased;
      setNotice(t.erased(visitors, conversations, messages));
      props.onErased?.(result);
    } catch (cause) {
      setProblem(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    setConfirming(false);
    eraseButton.current?.focus();
  }

  return (
    <div className="person-data-actions stack">
      <div className="row">
        <button type="button" data-testid="person-export" disabled={busy} onClick={() => void exportData()}>
          {t.exportData}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="person-erase"
          ref={eraseButton}
          disabled={busy}
          aria-expanded={confirming}
          onClick={() => ready() && setConfirming(true)}
        >
          {t.erase}
        </button>
      </div>
      {confirming && (
        <div
          role="alertdialog"
          aria-labelledby={`${id}-erase-title`}
          aria-describedby={`${id}-erase-text`}
          className="confirm"
          data-testid="person-erase-dialog"
          onKeyDown={(event) => {
            if (event.key === 'Escape') cancel();
          }}
        >
          <strong id={`${id}-erase-title`}>{t.confirmErase(props.name)}</strong>
          <p id={`${id}-erase-text`}>{t.eraseExplained(props.type)}</p>
          <button
            type="button"
            className="danger"
            ref={confirmButton}
            data-testid="person-erase-confirm"
            disabled={busy}
            onClick={() => void erase()}
          >
            {t.confirmEraseButton}
          </button>
          <button type="button" onClick={cancel}>
            {t.cancel}
          </button>
        </div>
      )}
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      <p role="status" data-testid="person-data-status">
        {notice ?? ''}
      </p>
    </div>
  );
}
