import type { ContextSnapshot } from '@beckon/protocol';
import { formatDuration, formatLocation } from '../format.ts';
import { formatClock, formatInteger } from '../i18n/intl.ts';
import { messagesOf } from '../i18n/messages.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

/** The Additional details tab, from the snapshot frozen when the conversation started. */
export function DetailsPanel(props: { context: ContextSnapshot; startedAt: number }) {
  const { context } = props;
  const custom = Object.entries(context.custom).filter(([, entry]) => entry.isDisplayable);
  const prechat = Object.entries(context.prechat ?? {});

  return (
    <div className="details-panel" data-testid="details-panel">
      <dl className="facts">
        <Row testId="detail-start-url" label={t.startPage} value={context.startUrl} className="url" />
        <Row testId="detail-time-on-page" label={t.timeOnPage} value={formatDuration(context.timeOnPageMs)} />
        <Row testId="detail-time-on-site" label={t.timeOnSite} value={formatDuration(context.timeOnSiteMs)} />
        <Row testId="detail-pages-viewed" label={t.pagesViewed} value={formatInteger(context.pagesViewed)} />
        <Row testId="detail-rule" label={t.rule} value={context.ruleName ?? '—'} />
        <Row testId="detail-browser" label={t.browser} value={context.device.browser ?? t.unknown} />
        <Row testId="detail-os" label={t.operatingSystem} value={context.device.os ?? t.unknown} />
        <Row testId="detail-device" label={t.device} value={context.device.type} />
        <Row testId="detail-language" label={t.language} value={context.language} />
        <Row
          testId="detail-location"
          label={t.location}
          value={formatLocation(context.location, t.unknown)}
        />
        <Row
          testId="detail-authenticated"
          label={t.authenticated}
          value={context.authenticated ? t.yes : t.no}
        />
        {context.referrer && (
          <Row testId="detail-referrer" label={t.arrivedFrom} value={context.referrer} className="url" />
        )}
      </dl>

      <h3>{t.customContext}</h3>
      {custom.length === 0 ? (
        <p className="muted">{t.noCustomContext}</p>
      ) : (
        <dl className="facts">
          {custom.map(([name, entry]) => (
            <Row key={name} testId={`context-${name}`} label={name} value={String(entry.value)} />
          ))}
        </dl>
      )}

      {prechat.length > 0 && (
        <>
          <h3>{t.prechatAnswers}</h3>
          <dl className="facts">
            {prechat.map(([name, value]) => (
              <Row key={name} testId={`prechat-${name}`} label={name} value={value} />
            ))}
          </dl>
        </>
      )}

      <h3>{t.journey}</h3>
      {context.journey.length === 0 ? (
        <p className="muted">{t.noPages}</p>
      ) : (
        <ol className="journey">
          {context.journey.map((page, index) => {
            const until = context.journey[index + 1]?.at ?? props.startedAt;
            return (
              <li key={`${page.at}-${page.url}`} data-testid="journey-page">
                <span className="url">{page.title || page.url}</span>
                {page.title && <span className="muted url">{page.url}</span>}
                <span className="muted">
                  {formatClock(page.at)} · {formatDuration(until - page.at)}
                </span>
              </li>
            );
          })}
        </ol>
      )}

      {context.events && context.events.length > 0 && (
        <>
          <h3>{t.events}</h3>
          <ol className="journey">
            {context.events.map((event, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: events of one millisecond may repeat exactly
              <li key={index} data-testid="journey-event">
                <span>{event.name}</span>
                {event.props && <span className="muted">{formatProps(event.props)}</span>}
                <span className="muted">{formatClock(event.at)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

/** `sku: PRO-1 · qty: 2` — rendered as text like everything the page supplies. */
function formatProps(props: Record<string, string | number | boolean>): string {
  return Object.entries(props)
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join(' · ');
}

function Row(props: { testId: string; label: string; value: string; className?: string }) {
  return (
    <div className="fact" data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd className={props.className}>{props.value}</dd>
    </div>
  );
}
