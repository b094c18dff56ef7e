import { messagesOf } from '../i18n/messages.ts';
import type { SmartForm } from './rule-form.ts';
import { smartMessages } from './smart-messages.ts';

const t = messagesOf(smartMessages);

/** The rule's predicted-engagement options: best moment (with its bounds) and the rule's kill switch. */
export function SmartEditor(props: { smart: SmartForm; onChange(smart: SmartForm): void }) {
  const { smart, onChange } = props;
  const bound = (
    key: 'maxDelaySeconds' | 'inviteAtPercent',
    name: string,
    label: string,
    min: number,
    max: number,
  ) => (
    <label className="inline">
      {label}
      <input
        type="number"
        name={name}
        min={min}
        max={max}
        placeholder={key === 'inviteAtPercent' ? t.inviteAtPlaceholder : undefined}
        value={smart[key]}
        onChange={(e) => onChange({ ...smart, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <fieldset className="switches smart" data-testid="smart-editor">
      <legend>{t.smartLegend}</legend>
      <label className="inline">
        <input
          type="checkbox"
          name="rule-best-moment"
          checked={smart.bestMoment}
          disabled={smart.off}
          onChange={(e) => onChange({ ...smart, bestMoment: e.target.checked })}
        />
        {t.bestMoment}
      </label>
      {smart.bestMoment && (
        <>
          {bound('maxDelaySeconds', 'rule-best-moment-delay', t.maxDelay, 5, 600)}
          {bound('inviteAtPercent', 'rule-best-moment-percent', t.inviteAt, 1, 100)}
        </>
      )}
      <label className="inline">
        <input
          type="checkbox"
          name="rule-smart-off"
          checked={smart.off}
          onChange={(e) => onChange({ ...smart, off: e.target.checked })}
        />
        {t.ruleOff}
      </label>
      <p className="muted">{t.smartHint}</p>
    </fieldset>
  );
}
