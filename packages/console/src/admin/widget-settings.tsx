// Over 300 lines: one form with every widget setting, each a labelled field.
import { type Queue, type Widget, widgetPatchSchema } from '@beckon/protocol';
import { type ReactNode, useId } from 'react';
import { api } from '../api/endpoints.ts';
import { FormIssues, SaveStatus } from '../forms/save-status.tsx';
import { useSavedForm } from '../forms/saved-form.ts';
import { EmbedSnippet } from './embed-snippet.tsx';
import { FileRulesFieldset } from './file-rules-fieldset.tsx';
import { HoursFieldset } from './hours-fieldset.tsx';
import { InvitationLookFieldset } from './invitation-look-fieldset.tsx';
import { PrechatFieldsEditor } from './prechat-fields-editor.tsx';
import { formToPatch, type WidgetForm, widgetToForm } from './widget-form.ts';

const labels = {
  name: { en: 'Name', fr: 'Nom' },
  title: { en: 'Title', fr: 'Titre' },
  color: { en: 'Colour', fr: 'Couleur' },
  locale: { en: 'Language', fr: 'Langue' },
  queueId: { en: 'Queue', fr: 'File' },
  offerTimeoutSeconds: { en: 'Offer timeout', fr: 'Délai de l’offre' },
  fatigue: { en: 'Invitation budget', fr: 'Budget d’invitations' },
  allowedOrigins: { en: 'Allowed origins', fr: 'Origines autorisées' },
  prechatFields: { en: 'Pre-chat survey', fr: 'Questionnaire avant discussion' },
  hours: { en: 'Operating hours', fr: 'Heures d’ouverture' },
  identity: { en: 'Identity', fr: 'Identité' },
  identityAudience: { en: 'Token audience', fr: 'Audience du jeton' },
  identityMaxLifetimeSeconds: { en: 'Maximum token lifetime', fr: 'Durée de vie maximale du jeton' },
  'invitationLook.displayName': { en: 'Invitation display name', fr: 'Nom affiché de l’invitation' },
  'invitationLook.avatarUrl': { en: 'Avatar image address', fr: 'Adresse de l’image d’avatar' },
  'invitationLook.acceptLabels.en': { en: 'Accept button (English)', fr: 'Bouton d’acceptation (anglais)' },
  'invitationLook.acceptLabels.fr': { en: 'Accept button (French)', fr: 'Bouton d’acceptation (français)' },
  urlParamDenyList: { en: 'URL parameters to remove', fr: 'Paramètres d’URL à retirer' },
  fileTypes: { en: 'Allowed file types', fr: 'Types de fichiers autorisés' },
  fileMaxBytes: { en: 'Largest file', fr: 'Fichier le plus gros' },
};

const urlParamText = {
  hint: {
    en: 'Removed from every page address and referrer before they are stored or shown, on top of the built-in list (token, code, password, session, email, …). One name per line; up to 50, 64 characters each.',
    fr: 'Retirés de chaque adresse de page et référent avant d’être enregistrés ou montrés, en plus de la liste intégrée (token, code, password, session, email, …). Un nom par ligne ; 50 au plus, de 64 caractères chacun.',
  },
};

const identityText = {
  audienceHint: {
    en: 'Optional. When set, a token’s aud claim must name it.',
    fr: 'Facultatif. Si renseignée, la revendication aud du jeton doit la nommer.',
  },
  lifetimeLabel: { en: 'Maximum token lifetime (hours)', fr: 'Durée de vie maximale du jeton (heures)' },
  lifetimeHint: {
    en: 'exp − iat may not exceed it (24 h by default, 1 minute to 30 days).',
    fr: 'exp − iat ne peut pas la dépasser (24 h par défaut, de 1 minute à 30 jours).',
  },
};

/** One widget's settings, saved with PATCH /v1/widgets/:id. */
export function WidgetSettings(props: { widget: Widget; queues: Queue[]; onSaved(widget: Widget): void }) {
  const id = useId();
  const saved = useSavedForm<WidgetForm, ReturnType<typeof formToPatch>>({
    initial: widgetToForm(props.widget),
    schema: widgetPatchSchema,
    toBody: (form) => formToPatch(form, props.widget),
    labels,
    async save(patch) {
      const widget = await api.updateWidget(props.widget.id, patch);
      props.onSaved(widget);
      return widgetToForm(widget);
    },
  });
  const form = saved.values;
  const set = saved.set;

  const field = (name: string, label: string, input: ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {hint && <small className="muted">{hint}</small>}
    </div>
  );
  const queueKnown = props.queues.some((q) => q.id === form.queueId);

  return (
    <form
      className="card widget-settings"
      onSubmit={saved.submit}
      aria-labelledby={`${id}-heading`}
      noValidate
    >
      <h2 id={`${id}-heading`}>{props.widget.name}</h2>

      <div className="switches">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            data-testid="proactive-toggle"
            checked={form.proactiveEnabled}
            aria-checked={form.proactiveEnabled}
            onChange={(e) => set('proactiveEnabled', e.target.checked)}
          />
          <span>Proactive chat</span>
        </label>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            data-testid="enabled-toggle"
            checked={form.enabled}
            aria-checked={form.enabled}
            onChange={(e) => set('enabled', e.target.checked)}
          />
          <span>Widget enabled</span>
        </label>
      </div>

      <div className="grid">
        {field(
          'name',
          'Name',
          <input
            id={`${id}-name`}
            name="widget-name"
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
          />,
        )}
        {field(
          'title',
          'Title',
          <input
            id={`${id}-title`}
            name="widget-title"
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
          />,
        )}
        {field(
          'color',
          'Colour',
          <div className="row">
            <input
              id={`${id}-color`}
              name="widget-color"
              value={form.color}
              onChange={(e) => set('color', e.target.value)}
              pattern="#[0-9a-fA-F]{6}"
            />
            <input
              type="color"
              aria-label="Pick a colour"
              value={/^#[0-9a-fA-F]{6}$/.test(form.color) ? form.color : '#000000'}
              onChange={(e) => set('color', e.target.value)}
            />
          </div>,
        )}
        {field(
          'locale',
          'Locale',
          <input
            id={`${id}-locale`}
            name="widget-locale"
            value={form.locale}
            onChange={(e) => set('locale', e.target.value)}
          />,
          '"auto" follows the visitor’s language; or "en", "fr"…',
        )}
        {field(
          'queue',
          'Queue',
          <select
            id={`${id}-queue`}
            name="widget-queue"
            value={form.queueId}
            onChange={(e) => set('queueId', e.target.value)}
          >
            {!queueKnown && <option value={form.queueId}>{form.queueId}</option>}
            {props.queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          'timeout',
          'Offer timeout (seconds)',
          <input
            id={`${id}-timeout`}
            name="widget-offer-timeout"
            type="number"
            min={10}
            max={3600}
            value={form.offerTimeoutSeconds}
            onChange={(e) => set('offerTimeoutSeconds', e.target.value)}
          />,
        )}
      </div>

      <div className="grid">
        {field(
          'fatigue-visit',
          'Invitations per visit (max)',
          <input
            id={`${id}-fatigue-visit`}
            name="widget-fatigue-per-visit"
            type="number"
            min={1}
            max={100}
            value={form.fatiguePerVisit}
            onChange={(e) => set('fatiguePerVisit', e.target.value)}
          />,
          'Across all rules; startProactiveChat is not counted.',
        )}
        {field(
          'fatigue-week',
          'Invitations per 7 days (max)',
          <input
            id={`${id}-fatigue-week`}
            name="widget-fatigue-per-week"
            type="number"
            min={1}
            max={1000}
            value={form.fatiguePerWeek}
            onChange={(e) => set('fatiguePerWeek', e.target.value)}
          />,
        )}
        {field(
          'backoff',
          'Back-off after a dismissal (minutes)',
          <input
            id={`${id}-backoff`}
            name="widget-dismiss-backoff"
            type="number"
            min={0}
            max={129600}
            value={form.dismissBackoffMinutes}
            onChange={(e) => set('dismissBackoffMinutes', e.target.value)}
          />,
          '0 = none',
        )}
      </div>

      {field(
        'origins',
        'Allowed origins',
        <textarea
          id={`${id}-origins`}
          data-testid="allowed-origins"
          rows={3}
          value={form.allowedOrigins}
          onChange={(e) => set('allowedOrigins', e.target.value)}
          spellCheck={false}
        />,
        'One per line, e.g. https://shop.example (scheme and host, no path).',
      )}

      {field(
        'url-params',
        labels.urlParamDenyList[saved.locale],
        <textarea
          id={`${id}-url-params`}
          data-testid="url-param-deny-list"
          rows={3}
          value={form.urlParamDenyList}
          onChange={(e) => set('urlParamDenyList', e.target.value)}
          spellCheck={false}
        />,
        urlParamText.hint[saved.locale],
      )}

      <PrechatFieldsEditor fields={form.prechatFields} onChange={(fields) => set('prechatFields', fields)} />

      <HoursFieldset
        hours={form.hours}
        consentRequired={form.consentRequired}
        onHours={(hours) => set('hours', hours)}
        onConsent={(required) => set('consentRequired', required)}
        sneakPeek={form.sneakPeek}
        onSneakPeek={(on) => set('sneakPeek', on)}
      />

      <FileRulesFieldset
        fileTypes={form.fileTypes}
        fileMaxMegabytes={form.fileMaxMegabytes}
        onTypes={(types) => set('fileTypes', types)}
        onMaxMegabytes={(value) => set('fileMaxMegabytes', value)}
      />

      <InvitationLookFieldset values={form} set={set} />

      <fieldset>
        <legend>Visitor identity (signed token)</legend>
        <div className="grid">
          {field(
            'alg',
            'Algorithm',
            <select
              id={`${id}-alg`}
              value={form.identityAlgorithm}
              onChange={(e) => set('identityAlgorithm', e.target.value as WidgetForm['identityAlgorithm'])}
            >
              <option value="none">None</option>
              <option value="HS256">HS256 (shared secret)</option>
              <option value="RS256">RS256 (public key)</option>
            </select>,
          )}
          {field(
            'issuer',
            'Issuer',
            <input
              id={`${id}-issuer`}
              value={form.identityIssuer}
              onChange={(e) => set('identityIssuer', e.target.value)}
            />,
          )}
          {field(
            'audience',
            labels.identityAudience[saved.locale],
            <input
              id={`${id}-audience`}
              data-testid="identity-audience"
              value={form.identityAudience}
              onChange={(e) => set('identityAudience', e.target.value)}
            />,
            identityText.audienceHint[saved.locale],
          )}
          {field(
            'lifetime',
            identityText.lifetimeLabel[saved.locale],
            <input
              id={`${id}-lifetime`}
              data-testid="identity-max-lifetime"
              type="number"
              inputMode="decimal"
              min={1 / 60}
              max={720}
              step="any"
              value={form.identityMaxLifetimeHours}
              onChange={(e) => set('identityMaxLifetimeHours', e.target.value)}
            />,
            identityText.lifetimeHint[saved.locale],
          )}
        </div>
        {form.identityAlgorithm !== 'none' &&
          field(
            'secret',
            form.identityAlgorithm === 'HS256' ? 'Secret' : 'Public key (PEM)',
            <textarea
              id={`${id}-secret`}
              rows={form.identityAlgorithm === 'RS256' ? 4 : 1}
              autoComplete="off"
              spellCheck={false}
              value={form.identitySecret}
              onChange={(e) => set('identitySecret', e.target.value)}
            />,
            'Write-only: leave empty to keep the stored one.',
          )}
      </fieldset>

      <EmbedSnippet widgetKey={props.widget.key} />

      <FormIssues
        testId="widget-errors"
        locale={saved.locale}
        message={saved.failure}
        issues={saved.issues}
      />
      <div className="actions">
        <button
          type="submit"
          className="primary"
          data-testid="save-widget"
          disabled={saved.state === 'saving'}
        >
          {saved.state === 'saving' ? 'Saving…' : 'Save'}
        </button>
        <SaveStatus className="save-status" state={saved.state} locale={saved.locale} testId="save-status" />
      </div>
    </form>
  );
}
