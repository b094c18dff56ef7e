import type { SupervisorOverview } from '@beckon/protocol';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { formatClockTime } from '../format.ts';
import { RecentSurveys } from './recent-surveys.tsx';

/** How often the floor view refreshes. Polling keeps it simple and works through any load balancer. */
export const overviewRefreshMs = 5000;

const presenceLabels: Record<string, string> = {
  available: 'Available',
  busy: 'Busy',
  dnd: 'Busy – DND',
  away: 'Away',
  offline: 'Offline',
  inactive: 'Inactive',
};

/**
 * Supervisor: queues, agents, open conversations, today's invitation funnel and the latest post-chat surveys;
 * watch any conversation.
 */
export function SupervisorScreen(props: { onWatch(conversationId: string): void }) {
  const [overview, setOverview] = useState<SupervisorOverview>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .supervisorOverview()
        .then((next) => {
          if (!live) return;
          setOverview(next);
          setError(undefined);
        })
        .catch((cause: unknown) => live && setError(errorMessage(cause)));
    void load();
    const timer = window.setInterval(load, overviewRefreshMs);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);

  if (!overview) {
    return (
      <main className="supervisor">
        {error ? <p role="alert">{error}</p> : <p className="muted">Loading…</p>}
      </main>
    );
  }
  const queueNames = new Map(overview.queues.map((q) => [q.id, q.name]));
  const { funnel } = overview;
  return (
    <main className="supervisor stack">
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section className="card" aria-labelledby="sv-queues">
        <h2 id="sv-queues">Queues</h2>
        <table data-testid="sv-queues">
          <thead>
            <tr>
              <th>Queue</th>
              <th>Waiting</th>
              <th>Longest wait</th>
              <th>Agents available</th>
            </tr>
          </thead>
          <tbody>
            {overview.queues.map((q) => (
              <tr key={q.id}>
                <td>{q.name}</td>
                <td>{q.waiting}</td>
                <td>{q.waiting ? `${q.longestWaitSeconds} s` : '–'}</td>
                <td>{q.availableAgents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="sv-agents">
        <h2 id="sv-agents">Agents</h2>
        <table data-testid="sv-agents">
          <thead>
            <tr>
              <th>Agent</th>
              <th>Presence</th>
              <th>Load</th>
            </tr>
          </thead>
          <tbody>
            {overview.agents.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{presenceLabels[a.presence] ?? a.presence}</td>
                <td>
                  {a.activeConversations} / {a.capacity}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="sv-conversations">
        <h2 id="sv-conversations">Active conversations</h2>
        {overview.conversations.length === 0 && <p className="muted">None right now.</p>}
        <table data-testid="sv-conversations">
          <tbody>
            {overview.conversations.map((c) => (
              <tr key={c.id} data-testid="sv-conversation">
                <td>{c.visitorName}</td>
                <td>{queueNames.get(c.queueId) ?? c.queueId}</td>
                <td>
                  <span className={`status status-${c.status}`}>{c.status}</span>
                </td>
                <td>{c.agentName ?? '–'}</td>
                <td>since {formatClockTime(c.createdAt)}</td>
                <td>
                  <button type="button" data-testid="sv-watch" onClick={() => props.onWatch(c.id)}>
                    Watch
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="sv-funnel">
        <h2 id="sv-funnel">Today’s invitations (UTC)</h2>
        <dl className="facts" data-testid="sv-funnel">
          <dt>Shown</dt>
          <dd>{funnel.shown}</dd>
          <dt>Accepted</dt>
          <dd>{funnel.accepted}</dd>
          <dt>Dismissed</dt>
          <dd>{funnel.dismissed}</dd>
          <dt>Expired</dt>
          <dd>{funnel.expired}</dd>
          <dt>Showing now</dt>
          <dd>{funnel.pending}</dd>
        </dl>
      </section>
      <RecentSurveys refreshMs={overviewRefreshMs} onWatch={props.onWatch} />
    </main>
  );
}
