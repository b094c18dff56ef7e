import { useState } from 'react';
import { elapsedSince, formatDuration, secondsLeft } from '../format.ts';
import { messagesOf } from '../i18n/messages.ts';
import type { TimedOffer } from '../state/workspace-state.ts';
import { VerificationBadge } from './customer-verification.tsx';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

/** One incoming chat offer: who, where from, why, and how long is left to answer. */
export function OfferCard(props: { entry: TimedOffer; now: number; onAccept(): void; onReject(): void }) {
  const { offer, skewMs } = props.entry;
  const { summary } = offer;
  const [answered, setAnswered] = useState(false);
  const left = secondsLeft(offer.expiresAt, skewMs, props.now);
  const customer = summary.customerName.trim() || t.visitor;

  return (
    <article className="card offer" data-testid="offer" aria-label={t.offerFrom(customer)}>
      <header className="offer-head">
        <strong className="offer-title">{summary.title}</strong>
        <span
          className="offer-countdown"
          data-testid="offer-countdown"
          role="timer"
          aria-label={t.secondsLeft(left)}
        >
          {left} s
        </span>
      </header>
      <dl className="facts">
        <dt>{t.customer}</dt>
        <dd data-testid="offer-customer">
          {customer}
          {summary.customerVerification && (
            <>
              {' '}
              <VerificationBadge verification={summary.customerVerification} />
            </>
          )}
        </dd>
        <dt>{t.startPage}</dt>
        <dd data-testid="offer-start-url" className="url">
          {summary.startUrl}
        </dd>
        <dt>{t.timeOnPage}</dt>
        <dd data-testid="offer-time-on-page">{formatDuration(summary.timeOnPageMs)}</dd>
        <dt>{t.startedBy}</dt>
        <dd data-testid="offer-origin">{summary.origin ? t.origin(summary.origin) : '—'}</dd>
        {summary.invitationText && (
          <>
            <dt>{t.invitation}</dt>
            <dd data-testid="offer-invitation" className="offer-invitation">
              {summary.invitationText}
            </dd>
          </>
        )}
        <dt>{t.rule}</dt>
        <dd data-testid="offer-rule">{summary.ruleName ?? '—'}</dd>
        <dt>{t.language}</dt>
        <dd data-testid="offer-language">{summary.language}</dd>
        <dt>{t.device}</dt>
        <dd data-testid="offer-device">{summary.device}</dd>
        <dt>{t.waiting}</dt>
        <dd data-testid="offer-wait">
          {formatDuration(elapsedSince(summary.waitingSince, skewMs, props.now))}
        </dd>
      </dl>
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="offer-accept"
          disabled={answered || left === 0}
          onClick={() => {
            setAnswered(true);
            props.onAccept();
          }}
        >
          {t.accept}
        </button>
        <button
          type="button"
          data-testid="offer-reject"
          disabled={answered || left === 0}
          onClick={() => {
            setAnswered(true);
            props.onReject();
          }}
        >
          {t.reject}
        </button>
      </div>
    </article>
  );
}
