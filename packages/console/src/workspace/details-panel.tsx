import type { ContextSnapshot } from '@beckon/protocol';
import { formatClockTime, formatDuration, formatLocation, yesNo } from '../format.ts';

/** The Additional details tab, from the snapshot frozen when the conversation started. */
export function DetailsPanel(props: { context: ContextSnapshot; startedAt: number }) {
  const { context } = props;
  const custom = Object.entries(context.custom).filter(([, entry]) => entry.isDisplayable);
  const prechat = Object.entries(context.prechat ?? {});

  return (
    <div className="details-panel" data-testid="details-panel">
      <dl className="facts">
        <Row testId="detail-start-url" label="Start page" value={context.startUrl} className="url" />
        <Row testId="detail-time-on-page" label="Time on page" value={formatDuration(context.timeOnPageMs)} />
        <Row testId="detail-time-on-site" label="Time on site" value={formatDuration(context.timeOnSiteMs)} />
        <Row testId="detail-pages-viewed" label="Pages viewed" value={String(context.pagesViewed)} />
        <Row testId="detail-rule" label="Rule" value={context.ruleName ?? '—'} />
        <Row testId="detail-browser" label="Browser" value={context.device.browser ?? 'Unknown'} />
        <Row testId="detail-os" label="Operating system" value={context.device.os ?? 'Unknown'} />
        <Row testId="detail-device" label="Device" value={context.device.type} />
        <Row testId="detail-language" label="Language" value={context.language} />
        <Row testId="detail-location" label="Location" value={formatLocation(context.location)} />
        <Row testId="detail-authenticated" label="Authenticated" value={yesNo(context.authenticated)} />
        {context.referrer && (
          <Row testId="detail-referrer" label="Arrived from" value={context.referrer} className="url" />
        )}
      </dl>

      <h3>Custom context</h3>
      {custom.length === 0 ? (
        <p className="muted">The page supplied no displayable context.</p>
      ) : (
        <dl className="facts">
          {custom.map(([name, entry]) => (
            <Row key={name} testId={`context-${name}`} label={name} value={String(entry.value)} />
          ))}
        </dl>
      )}

      {prechat.length > 0 && (
        <>
          <h3>Pre-chat answers</h3>
          <dl className="facts">
            {prechat.map(([name, value]) => (
              <Row key={name} testId={`prechat-${name}`} label={name} value={value} />
            ))}
          </dl>
        </>
      )}

      <h3>Journey</h3>
      {context.journey.length === 0 ? (
        <p className="muted">No pages recorded.</p>
      ) : (
        <ol className="journey">
          {context.journey.map((page, index) => {
            const until = context.journey[index + 1]?.at ?? props.startedAt;
            return (
              <li key={`${page.at}-${page.url}`} data-testid="journey-page">
                <span className="url">{page.title || page.url}</span>
                {page.title && <span className="muted url">{page.url}</span>}
                <span className="muted">
                  {formatClockTime(page.at)} · {formatDuration(until - page.at)}
                </span>
              </li>
            );
          })}
        </ol>
      )}

      {context.events && context.events.length > 0 && (
        <>
          <h3>Events</h3>
          <ol className="journey">
            {context.events.map((event, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: events of one millisecond may repeat exactly
              <li key={index} data-testid="journey-event">
                <span>{event.name}</span>
                {event.props && <span className="muted">{formatProps(event.props)}</span>}
                <span className="muted">{formatClockTime(event.at)}</span>
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
