import type { LiveVisitor, LiveVisitorFilter, LiveVisitorSort } from '@beckon/protocol';
import { useEffect, useId, useState } from 'react';
import { elapsedSince, formatDuration, formatLocation } from '../format.ts';
import { formatDecimal } from '../i18n/intl.ts';
import { consoleLocale } from '../locale.ts';
import { TableScroll } from '../shell/table-scroll.tsx';
import { useNow } from '../state/use-now.ts';
import type { LiveChannel } from '../state/use-workspace.ts';
import type { WorkspaceState } from '../state/workspace-state.ts';
import { useLiveVisitors } from './use-live-visitors.ts';
import { VisitorDetails } from './visitor-details.tsx';
import { stateLabel, visitorName } from './visitor-labels.ts';
import { visitorsStrings } from './visitors-strings.ts';

const sorts: LiveVisitorSort[] = ['arrival', 'timeOnSite', 'pages'];
type Flag = 'returning' | 'identified' | 'idle' | 'notInvited';
const flags: Flag[] = ['returning', 'identified', 'idle', 'notInvited'];

/**
 * Who is on the site now: a live table (updated within a second by the server's batches), filtered and sorted
 * on the server; a visitor's details show the journey and let the agent invite them with a message.
 */
export function VisitorsScreen(props: { workspace: WorkspaceState; live: LiveChannel; userId: string }) {
  const t = visitorsStrings[consoleLocale];
  const id = useId();
  const [filter, setFilter] = useState<LiveVisitorFilter>({});
  const [sort, setSort] = useState<LiveVisitorSort>('arrival');
  const [selected, setSelected] = useState<string>();
  const list = useLiveVisitors(props.live, props.workspace.status, filter, sort);
  const now = useNow(1000);
  const [lastSelected, setLastSelected] = useState<LiveVisitor>();
  const current = list.visitors.find((visitor) => visitor.id === selected);

  useEffect(() => {
    if (current) setLastSelected(current);
  }, [current]);

  const text = (name: 'pageContains' | 'country', value: string) =>
    setFilter((f) => {
      const next = { ...f };
      if (value.trim()) next[name] = value.trim();
      else delete next[name];
      return next;
    });
  const toggle = (name: Flag, on: boolean) =>
    setFilter((f) => {
      const next = { ...f };
      if (on) next[name] = true;
      else delete next[name];
      return next;
    });

  return (
    <section className="visitors stack" data-testid="visitors-screen">
      <fieldset className="visitor-filters">
        <legend>{t.filters}</legend>
        <label htmlFor={`${id}-page`}>{t.pageContains}</label>
        <input
          id={`${id}-page`}
          type="search"
          maxLength={200}
          data-testid="visitors-page-filter"
          onChange={(event) => text('pageContains', event.target.value)}
        />
        <label htmlFor={`${id}-country`}>{t.country}</label>
        <input
          id={`${id}-country`}
          type="search"
          maxLength={60}
          onChange={(event) => text('country', event.target.value)}
        />
        {flags.map((flag) => (
          <label key={flag} className="checkbox">
            <input
              type="checkbox"
              checked={filter[flag] === true}
              data-testid={`visitors-filter-${flag}`}
              onChange={(event) => toggle(flag, event.target.checked)}
            />
            {t[flag]}
          </label>
        ))}
        <label htmlFor={`${id}-sort`}>{t.sort}</label>
        <select
          id={`${id}-sort`}
          value={sort}
          data-testid="visitors-sort"
          onChange={(event) => setSort(event.target.value as LiveVisitorSort)}
        >
          {sorts.map((value) => (
            <option key={value} value={value}>
              {t.sorts[value]}
            </option>
          ))}
        </select>
      </fieldset>
      <p role="status" data-testid="visitors-count">
        {list.loaded ? (list.total === 0 ? t.none : t.count(list.visitors.length, list.total)) : ''}
      </p>
      <TableScroll label={t.table}>
        <table className="visitors-table" data-testid="visitors-table">
          <caption className="visually-hidden">{t.table}</caption>
          <thead>
            <tr>
              <th scope="col">{t.customer}</th>
              <th scope="col">{t.page}</th>
              <th scope="col">{t.timeOnSite}</th>
              <th scope="col">{t.timeOnPage}</th>
              <th scope="col">{t.pages}</th>
              <th scope="col">{t.visit}</th>
              <th scope="col">{t.source}</th>
              <th scope="col">{t.location}</th>
              <th scope="col">{t.device}</th>
              <th scope="col">{t.language}</th>
              <th scope="col">{t.consent}</th>
              <th scope="col">{t.state}</th>
              <th scope="col">{t.predicted}</th>
            </tr>
          </thead>
          <tbody>
            {list.visitors.map((visitor) => (
              <tr
                key={visitor.id}
                data-testid="visitor-row"
                data-visitor-id={visitor.id}
                aria-selected={visitor.id === selected}
              >
                <th scope="row">
                  <button
                    type="button"
                    className="link"
                    aria-label={t.detailsOf(visitorName(visitor))}
                    onClick={() => setSelected(visitor.id)}
                  >
                    {visitorName(visitor)}
                  </button>
                  {visitor.customer && (
                    <span className="hint"> ({visitor.customer.verified ? t.verified : t.unverified})</span>
                  )}
                </th>
                <td className="visitor-page">
                  {visitor.page.url ? (
                    <span title={visitor.page.url}>{visitor.page.title || visitor.page.url}</span>
                  ) : (
                    <span className="hint">{t.noPage}</span>
                  )}
                </td>
                <td>{formatDuration(elapsedSince(visitor.visitStartedAt, list.skewMs, now))}</td>
                <td>{formatDuration(elapsedSince(visitor.pageStartedAt, list.skewMs, now))}</td>
                <td>{visitor.pagesViewed}</td>
                <td>{visitor.visitNumber}</td>
                <td>{visitor.utmSource ?? hostOf(visitor.referrer) ?? t.direct}</td>
                <td>{formatLocation(visitor.location, t.unknown)}</td>
                <td>{[visitor.device.type, visitor.device.browser].filter(Boolean).join(', ')}</td>
                <td>{visitor.language}</td>
                <td>{t.consents[visitor.consent]}</td>
                <td data-testid="visitor-state">{stateLabel(visitor, t)}</td>
                <td data-testid="visitor-predicted">
                  {visitor.prediction ? t.predictedPercent(formatDecimal(visitor.prediction.percent)) : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {selected && (
        <VisitorDetails
          visitor={current ?? lastSelected}
          gone={!current}
          live={props.live}
          userId={props.userId}
          skewMs={list.skewMs}
          onClose={() => setSelected(undefined)}
        />
      )}
    </section>
  );
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
