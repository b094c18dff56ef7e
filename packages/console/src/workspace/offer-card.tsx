import { useState } from 'react';
import { elapsedSince, formatDuration, secondsLeft } from '../format.ts';
import type { TimedOffer } from '../state/workspace-state.ts';
import { VerificationBadge } from './customer-verification.tsx';

/** One incoming chat offer (PRODUCT.md §1.6): who, where from, why, and how long is left to answer. */
export function OfferCard(props: { entry: TimedOffer; now: number; onAccept(): void; onReject(): void }) {
  const { offer, skewMs } = props.entry;
  const { summary } = offer;
  const [answered, setAnswered] = useState(false);
  const left = secondsLeft(offer.expiresAt, skewMs, props.now);
  const customer = summary.customerName.trim() || 'Visitor';

  return (
    <article className="card offer" data-testid="offer" aria-label={`Chat offer from ${customer}`}>
      <header className="offer-head">
        <strong className="offer-title">{summary.title}</strong>
        <span
          className="offer-countdown"
          data-testid="offer-countdown"
          role="timer"
          aria-label={`${left} seconds left`}
        >
          {left} s
        </span>
      </header>
      <dl className="facts">
        <dt>Customer</dt>
        <dd data-testid="offer-customer">
          {customer}
          {summary.customerVerification && (
            <>
              {' '}
              <VerificationBadge verification={summary.customerVerification} />
            </>
          )}
        </dd>
        <dt>Start page</dt>
        <dd data-testid="offer-start-url" className="url">
          {summary.startUrl}
        </dd>
        <dt>Time on page</dt>
        <dd data-testid="offer-time-on-page">{formatDuration(summary.timeOnPageMs)}</dd>
        <dt>Rule</dt>
        <dd data-testid="offer-rule">{summary.ruleName ?? '—'}</dd>
        <dt>Language</dt>
        <dd data-testid="offer-language">{summary.language}</dd>
        <dt>Device</dt>
        <dd data-testid="offer-device">{summary.device}</dd>
        <dt>Waiting</dt>
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
          Accept
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
          Reject
        </button>
      </div>
    </article>
  );
}
