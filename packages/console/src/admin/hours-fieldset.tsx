import { useId } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { editorMessages } from './editor-messages.ts';
import type { HoursForm } from './hours-form.ts';

const t = messagesOf(editorMessages);

/** Consent mode and operating hours in the widget settings. */
export function HoursFieldset(props: {
  hours: HoursForm;
  consentRequired: boolean;
  onHours(hours: HoursForm): void;
  onConsent(required: boolean): void;
}) {
  const id = useId();
  const { hours, onHours } = props;
  const set = <K extends keyof HoursForm>(key: K, value: HoursForm[K]) => onHours({ ...hours, [key]: value });

  return (
    <fieldset>
      <legend>{t.privacyAndHours}</legend>
      <div className="switches">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            data-testid="consent-toggle"
            checked={props.consentRequired}
            aria-checked={props.consentRequired}
            onChange={(e) => props.onConsent(e.target.checked)}
          />
          <span>{t.requireConsent}</span>
        </label>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            data-testid="hours-toggle"
            checked={hours.enabled}
            aria-checked={hours.enabled}
            onChange={(e) => set('enabled', e.target.checked)}
          />
          <span>{t.operatingHours}</span>
        </label>
      </div>
      {hours.enabled && (
        <div className="grid">
          <div className="field">
            <label htmlFor={`${id}-tz`}>{t.timeZone}</label>
            <input
              id={`${id}-tz`}
              data-testid="hours-timezone"
              value={hours.timeZone}
              placeholder="Europe/Paris"
              onChange={(e) => set('timeZone', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-periods`}>{t.openingPeriods}</label>
            <textarea
              id={`${id}-periods`}
              data-testid="hours-periods"
              rows={5}
              spellCheck={false}
              value={hours.periods}
              onChange={(e) => set('periods', e.target.value)}
            />
            <small className="muted">{t.periodsHint}</small>
          </div>
          <div className="field">
            <label htmlFor={`${id}-offline`}>{t.offlineMessage}</label>
            <textarea
              id={`${id}-offline`}
              data-testid="hours-offline-message"
              rows={2}
              value={hours.offlineMessage}
              placeholder={t.offlinePlaceholder}
              onChange={(e) => set('offlineMessage', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-offline-en`}>{t.offlineEnglish}</label>
            <textarea
              id={`${id}-offline-en`}
              data-testid="hours-offline-message-en"
              rows={2}
              value={hours.offlineMessageEn}
              placeholder={t.sameAsAbove}
              onChange={(e) => set('offlineMessageEn', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-offline-fr`}>{t.offlineFrench}</label>
            <textarea
              id={`${id}-offline-fr`}
              data-testid="hours-offline-message-fr"
              rows={2}
              value={hours.offlineMessageFr}
              placeholder={t.sameAsAbove}
              onChange={(e) => set('offlineMessageFr', e.target.value)}
            />
          </div>
        </div>
      )}
    </fieldset>
  );
}
