import {
  type RetentionResponse,
  type RetentionSettingsView,
  retentionSettingsSchema,
} from '@beckon/protocol';
import type { Text } from '@beckon/protocol/conditions';
import { useId } from 'react';
import { api } from '../api/endpoints.ts';
import { FormIssues, SaveStatus } from '../forms/save-status.tsx';
import { useSavedForm } from '../forms/saved-form.ts';
import { messagesOf } from '../i18n/messages.ts';
import { useLoaded } from '../state/use-loaded.ts';
import { privacyMessages } from './privacy-messages.ts';

const t = messagesOf(privacyMessages);

type Kind = keyof RetentionSettingsView;
/** Each kind as typed: the days, or keep forever (the days are kept, greyed, to come back to). */
type RetentionForm = Record<Kind, { days: string; forever: boolean }>;

function toForm(settings: RetentionSettingsView): RetentionForm {
  return Object.fromEntries(
    Object.entries(settings).map(([kind, days]) => [
      kind,
      { days: days === null ? '' : String(days), forever: days === null },
    ]),
  ) as RetentionForm;
}

/** An empty field becomes NaN so that the schema rejects it with a message, rather than a silent 0. */
function toBody(form: RetentionForm): RetentionSettingsView {
  return Object.fromEntries(
    Object.entries(form).map(([kind, { days, forever }]) => [
      kind,
      forever ? null : days.trim() === '' ? Number.NaN : Number(days),
    ]),
  ) as RetentionSettingsView;
}

/** Admin: how long each kind of personal data is kept (PUT /v1/settings/retention). */
export function RetentionSection() {
  const [loaded, , problem] = useLoaded(() => api.retention());
  return (
    <section className="card stack" aria-labelledby="retention-heading" data-testid="retention-section">
      <h2 id="retention-heading">{t.retentionHeading}</h2>
      <p className="muted">{t.retentionIntro}</p>
      {loaded ? <RetentionForm loaded={loaded} /> : <p>{problem ?? t.loading}</p>}
    </section>
  );
}

function RetentionForm(props: { loaded: RetentionResponse }) {
  const id = useId();
  const kinds = Object.keys(props.loaded.retention) as Kind[];
  const labels: Record<string, Text> = Object.fromEntries(
    kinds.map((kind) => [
      kind,
      { en: privacyMessages.en.kind(kind), fr: privacyMessages.fr.kind(kind) } satisfies Text,
    ]),
  );
  const saved = useSavedForm<RetentionForm, RetentionSettingsView>({
    initial: toForm(props.loaded.retention),
    schema: retentionSettingsSchema,
    toBody,
    labels,
    async save(body) {
      return toForm((await api.setRetention(body)).retention);
    },
  });
  const form = saved.values;
  return (
    <form onSubmit={saved.submit} noValidate aria-labelledby="retention-heading">
      <div className="retention-kinds">
        {kinds.map((kind) => {
          const error = saved.errorAt(kind);
          const hint = `${id}-${kind}-hint`;
          const errorId = `${id}-${kind}-error`;
          return (
            <fieldset key={kind} data-testid={`retention-${kind}`}>
              <legend>{t.kind(kind)}</legend>
              <div className="row">
                <label htmlFor={`${id}-${kind}`}>{t.days}</label>
                <input
                  id={`${id}-${kind}`}
                  data-testid={`retention-${kind}-days`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={36_500}
                  step={1}
                  disabled={form[kind]?.forever}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${hint} ${errorId}` : hint}
                  value={form[kind]?.days ?? ''}
                  onChange={(event) => saved.set(`${kind}.days`, event.target.value)}
                />
                <label className="check">
                  <input
                    type="checkbox"
                    data-testid={`retention-${kind}-forever`}
                    checked={form[kind]?.forever ?? false}
                    onChange={(event) => {
                      saved.set(`${kind}.forever`, event.target.checked);
                      // Back from forever with no days typed: start from the default rather than an error.
                      if (!event.target.checked && form[kind]?.days.trim() === '')
                        saved.set(`${kind}.days`, String(props.loaded.defaults[kind] ?? 365));
                    }}
                  />
                  {t.keepForever}
                </label>
              </div>
              <small id={hint} className="muted">
                {t.defaultIs(props.loaded.defaults[kind] ?? null)} {t.daysRange}
              </small>
              {error && (
                <small id={errorId} className="error">
                  {error}
                </small>
              )}
            </fieldset>
          );
        })}
      </div>
      <FormIssues
        message={saved.failure}
        issues={saved.issues}
        locale={saved.locale}
        testId="retention-issues"
      />
      <div className="row">
        <button
          type="submit"
          className="primary"
          data-testid="retention-save"
          disabled={saved.state === 'saving'}
        >
          {t.save}
        </button>
        <SaveStatus state={saved.state} locale={saved.locale} testId="retention-saved" />
      </div>
    </form>
  );
}
