import { useId, useMemo, useState } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { editorMessages } from './editor-messages.ts';
import type { HoursForm } from './hours-form.ts';
import { filterTimeZones, timeZones } from './time-zones.ts';

const t = messagesOf(editorMessages);

/** Consent mode, sneak peek and operating hours in the widget settings. */
export function HoursFieldset(props: {
  hours: HoursForm;
  consentRequired: boolean;
  sneakPeek: boolean;
  onHours(hours: HoursForm): void;
  onConsent(required: boolean): void;
  onSneakPeek(on: boolean): void;
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
            data-testid="sneak-peek-toggle"
            checked={props.sneakPeek}
            aria-checked={props.sneakPeek}
            aria-describedby={`${id}-sneak-peek-hint`}
            onChange={(e) => props.onSneakPeek(e.target.checked)}
          />
          <span>{t.sneakPeek}</span>
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
      <small className="muted" id={`${id}-sneak-peek-hint`}>
        {t.sneakPeekHint}
      </small>
      {hours.enabled && (
        <div className="grid">
          <TimeZonePicker id={`${id}-tz`} value={hours.timeZone} onChange={(zone) => set('timeZone', zone)} />
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

/**
 * A searchable select of the IANA zones (Intl.supportedValuesOf): typing in the search box narrows the list, the
 * select picks. Two native controls, each labelled, so keyboards and screen readers need nothing special.
 */
function TimeZonePicker(props: { id: string; value: string; onChange(zone: string): void }) {
  const [query, setQuery] = useState('');
  const all = useMemo(() => timeZones(props.value), [props.value]);
  const shown = filterTimeZones(all, query, props.value);
  return (
    <div className="field time-zone-picker">
      <label htmlFor={props.id}>{t.timeZone}</label>
      <input
        type="search"
        id={`${props.id}-search`}
        data-testid="hours-timezone-search"
        aria-label={t.searchTimeZones}
        aria-controls={props.id}
        placeholder={t.searchTimeZones}
        value={query}
        onChange={(e) => {
          const next = e.target.value;
          setQuery(next);
          // One match left: pick it, so typing a zone's name is enough.
          const matches = filterTimeZones(all, next);
          if (matches.length === 1 && matches[0] !== props.value) props.onChange(matches[0]!);
        }}
      />
      <select
        id={props.id}
        data-testid="hours-timezone"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {!props.value && <option value="">{t.pickTimeZone}</option>}
        {shown.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    </div>
  );
}
