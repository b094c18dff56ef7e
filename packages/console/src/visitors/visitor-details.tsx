import { type LiveVisitor, limits } from '@beckon/protocol';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { push } from '../admin/prediction-summary.tsx';
import { formatLocation, secondsLeft } from '../format.ts';
import { validationProblem } from '../forms/human-messages.ts';
import { TemplateHelp, templateProblem } from '../forms/template-help.tsx';
import { formatDecimal } from '../i18n/intl.ts';
import { consoleLocale } from '../locale.ts';
import { useNow } from '../state/use-now.ts';
import type { LiveChannel } from '../state/use-workspace.ts';
import { QuickReplyPicker } from '../workspace/quick-reply-picker.tsx';
import { stateLabel, visitorName } from './visitor-labels.ts';
import { visitorsStrings } from './visitors-strings.ts';

/**
 * One visitor of the live list: the journey of this visit and what the list shows, plus the invitation form
 * (a message written on the spot) or, while the agent's own invitation shows, its countdown and Withdraw.
 */
export function VisitorDetails(props: {
  visitor: LiveVisitor | undefined;
  gone: boolean;
  live: LiveChannel;
  userId: string;
  skewMs: number;
  onClose(): void;
}) {
  const t = visitorsStrings[consoleLocale];
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const { visitor, live } = props;
  const mine = visitor?.invitation?.source === 'agent' && visitor.invitation.agentId === props.userId;
  const now = useNow(1000, mine);
  const visitorId = visitor?.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus moves when another visitor is opened.
  useEffect(() => {
    heading.current?.focus();
  }, [visitorId]);

  useEffect(
    () =>
      live.listen((frame) => {
        if (frame.type === 'error' && frame.ref?.startsWith('visitor.')) {
          setNotice(undefined);
          setProblem(validationProblem(frame.details, consoleLocale) ?? frame.message);
        } else if (frame.type === 'visitor.invited' && frame.visitorId === visitorId) {
          setProblem(undefined);
          setNotice(t.invited);
          setMessage('');
        }
      }),
    [live, visitorId, t],
  );

  if (!visitor) return null;

  function invite(event: FormEvent) {
    event.preventDefault();
    if (!visitor || !message.trim()) return;
    setNotice(undefined);
    const fault = templateProblem(message.trim());
    setProblem(fault);
    if (fault) return;
    live.send({ type: 'visitor.invite', visitorId: visitor.id, message: message.trim() });
  }

  function withdraw() {
    if (!visitor?.invitation) return;
    setProblem(undefined);
    live.send({ type: 'visitor.invitation.withdraw', invitationId: visitor.invitation.id });
    setNotice(t.withdrawn);
  }

  const name = visitorName(visitor);
  return (
    <section
      className="visitor-details panel stack"
      aria-labelledby={`${id}-heading`}
      data-testid="visitor-details"
    >
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t.detailsOf(name)}
      </h2>
      <button type="button" onClick={props.onClose}>
        {t.close}
      </button>
      {props.gone && <p className="hint">{t.gone}</p>}
      <dl className="details-list">
        <dt>{t.state}</dt>
        <dd data-testid="visitor-details-state">{stateLabel(visitor, t)}</dd>
        <dt>{t.location}</dt>
        <dd>{formatLocation(visitor.location, t.unknown)}</dd>
        <dt>{t.referrer}</dt>
        <dd>{visitor.referrer ?? t.direct}</dd>
        <dt>{t.consent}</dt>
        <dd>{t.consents[visitor.consent]}</dd>
        {Object.entries(visitor.context ?? {}).map(([key, value]) => (
          <div key={key} className="details-pair" data-testid="visitor-context">
            <dt>{key}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {visitor.prediction && (
        <div className="prediction" data-testid="visitor-prediction">
          <h3>{t.predicted}</h3>
          <p>
            <strong>{t.predictedPercent(formatDecimal(visitor.prediction.percent))}</strong>{' '}
            <span className="hint">{t.predictionHint}</span>
          </p>
          <dl className="details-list">
            <dt>{t.pushesUp}</dt>
            <dd data-testid="visitor-pushes-up">
              {visitor.prediction.up.length ? visitor.prediction.up.map(push).join(', ') : t.noPush}
            </dd>
            <dt>{t.pushesDown}</dt>
            <dd data-testid="visitor-pushes-down">
              {visitor.prediction.down.length ? visitor.prediction.down.map(push).join(', ') : t.noPush}
            </dd>
          </dl>
        </div>
      )}
      <h3>{t.journey}</h3>
      <ol className="visitor-journey" data-testid="visitor-journey">
        {visitor.journey.map((url, index) => (
          // The same URL may come back in a journey: its place is part of its identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: a journey is append-only.
          <li key={`${index}-${url}`}>{url}</li>
        ))}
      </ol>
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      <p role="status">{notice ?? ''}</p>
      {!props.gone && mine && visitor.invitation && (
        <div className="stack" data-testid="visitor-invitation-pending">
          <p>{t.pending(secondsLeft(visitor.invitation.expiresAt, props.skewMs, now))}</p>
          <button type="button" onClick={withdraw} data-testid="visitor-withdraw">
            {t.withdraw}
          </button>
        </div>
      )}
      {!props.gone && !visitor.invitation && visitor.consent === 'pending' && (
        <p className="hint" data-testid="visitor-no-consent">
          {t.noConsentInvite}
        </p>
      )}
      {!props.gone &&
        !visitor.invitation &&
        visitor.consent !== 'pending' &&
        visitor.state !== 'chatting' &&
        visitor.state !== 'waiting' && (
          <form className="stack" onSubmit={invite} data-testid="visitor-invite-form">
            <h3>{t.invite}</h3>
            <label htmlFor={`${id}-message`}>{t.message}</label>
            <textarea
              id={`${id}-message`}
              value={message}
              maxLength={limits.agentInvitationMaxLength}
              aria-describedby={`${id}-hint`}
              required
              rows={3}
              data-testid="visitor-invite-message"
              onChange={(event) => setMessage(event.target.value)}
            />
            <p id={`${id}-hint`} className="hint">
              {t.messageHint(limits.agentInvitationMaxLength)}
            </p>
            <TemplateHelp />
            <QuickReplyPicker onPick={setMessage} />
            <button type="submit" disabled={!message.trim()} data-testid="visitor-invite-send">
              {t.send}
            </button>
          </form>
        )}
    </section>
  );
}
