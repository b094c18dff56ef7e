import { useId } from 'react';
import type { HoursForm } from './hours-form.ts';

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
      <legend>Privacy and operating hours</legend>
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
          <span>Require consent before tracking (the page calls Beckon.consent(true))</span>
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
          <span>Operating hours (off: always open)</span>
        </label>
      </div>
      {hours.enabled && (
        <div className="grid">
          <div className="field">
            <label htmlFor={`${id}-tz`}>Time zone</label>
            <input
              id={`${id}-tz`}
              data-testid="hours-timezone"
              value={hours.timeZone}
              placeholder="Europe/Paris"
              onChange={(e) => set('timeZone', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-periods`}>Opening periods</label>
            <textarea
              id={`${id}-periods`}
              data-testid="hours-periods"
              rows={5}
              spellCheck={false}
              value={hours.periods}
              onChange={(e) => set('periods', e.target.value)}
            />
            <small className="muted">One per line: Mon 09:00-17:00 (24:00 = midnight).</small>
          </div>
          <div className="field">
            <label htmlFor={`${id}-offline`}>Offline message</label>
            <textarea
              id={`${id}-offline`}
              data-testid="hours-offline-message"
              rows={2}
              value={hours.offlineMessage}
              placeholder="Empty: the widget's own message, in the visitor's language"
              onChange={(e) => set('offlineMessage', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-offline-en`}>Offline message in English (optional)</label>
            <textarea
              id={`${id}-offline-en`}
              data-testid="hours-offline-message-en"
              rows={2}
              value={hours.offlineMessageEn}
              placeholder="Empty: the message above"
              onChange={(e) => set('offlineMessageEn', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-offline-fr`}>Offline message in French (optional)</label>
            <textarea
              id={`${id}-offline-fr`}
              data-testid="hours-offline-message-fr"
              rows={2}
              value={hours.offlineMessageFr}
              placeholder="Empty: the message above"
              onChange={(e) => set('offlineMessageFr', e.target.value)}
            />
          </div>
        </div>
      )}
    </fieldset>
  );
}
