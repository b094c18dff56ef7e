import type { SupervisorOverview } from '@beckon/protocol';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { formatClock, formatInteger } from '../i18n/intl.ts';
import { messagesOf } from '../i18n/messages.ts';
import { TableScroll } from '../shell/table-scroll.tsx';
import { RecentSurveys } from './recent-surveys.tsx';
import { supervisorMessages } from './supervisor-messages.ts';

/** How often the floor view refreshes. Polling keeps it simple and works through any load balancer. */
export const overviewRefreshMs = 5000;

/**
 * Supervisor: queues, agents, open conversations, today's invitation funnel and the latest post-chat surveys;
 * watch any conversation.
 */
export function SupervisorScreen(props: { onWatch(conversationId: string): void }) {
  const t = messagesOf(supervisorMessages);
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
      <div className="supervisor">
        {error ? <p role="alert">{error}</p> : <p className="muted">{t.loading}</p>}
      </div>
    );
  }
  const queueNames = new Map(overview.queues.map((q) => [q.id, q.name]));
  const { funnel } = overview;
  return (
    <div className="supervisor stack">
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section className="card" aria-labelledby="sv-queues">
        <h2 id="sv-queues">{t.queues}</h2>
        <TableScroll label={t.queues}>
          <table className="data-table" data-testid="sv-queues">
            <thead>
              <tr>
                <th scope="col">{t.queue}</th>
                <th scope="col" className="num">
                  {t.waiting}
                </th>
                <th scope="col" className="num">
                  {t.longestWait}
                </th>
                <th scope="col" className="num">
                  {t.agentsAvailable}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.queues.map((q) => (
                <tr key={q.id}>
                  <td>{q.name}</td>
                  <td className="num">{q.waiting}</td>
                  <td className="num">{q.waiting ? t.seconds(formatInteger(q.longestWaitSeconds)) : '–'}</td>
                  <td className="num">{q.availableAgents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <section className="card" aria-labelledby="sv-agents">
        <h2 id="sv-agents">{t.agents}</h2>
        <TableScroll label={t.agents}>
          <table className="data-table" data-testid="sv-agents">
            <thead>
              <tr>
                <th scope="col">{t.agent}</th>
                <th scope="col">{t.presence}</th>
                <th scope="col" className="num">
                  {t.load}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.agents.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>{t.presenceLabel(a.presence)}</td>
                  <td className="num">
                    {a.activeConversations} / {a.capacity}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <section className="card" aria-labelledby="sv-conversations">
        <h2 id="sv-conversations">{t.activeConversations}</h2>
        {overview.conversations.length === 0 && <p className="muted">{t.noneRightNow}</p>}
        <TableScroll label={t.activeConversations}>
          <table className="data-table" data-testid="sv-conversations">
            <thead>
              <tr>
                <th scope="col">{t.visitor}</th>
                <th scope="col">{t.queue}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.agent}</th>
                <th scope="col">{t.since}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {overview.conversations.map((c) => (
                <tr key={c.id} data-testid="sv-conversation">
                  <td>{c.visitorName}</td>
                  <td>{queueNames.get(c.queueId) ?? c.queueId}</td>
                  <td>
                    <span className={`status status-${c.status}`}>{c.status}</span>
                  </td>
                  <td>{c.agentName ?? '–'}</td>
                  <td>{formatClock(c.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      data-testid="sv-watch"
                      aria-label={t.watchConversation(c.visitorName)}
                      onClick={() => props.onWatch(c.id)}
                    >
                      {t.watch}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <section className="card" aria-labelledby="sv-funnel">
        <h2 id="sv-funnel">{t.todaysInvitations}</h2>
        <dl className="facts" data-testid="sv-funnel">
          <dt>{t.shown}</dt>
          <dd>{funnel.shown}</dd>
          <dt>{t.accepted}</dt>
          <dd>{funnel.accepted}</dd>
          <dt>{t.dismissed}</dt>
          <dd>{funnel.dismissed}</dd>
          <dt>{t.expired}</dt>
          <dd>{funnel.expired}</dd>
          <dt>{t.showingNow}</dt>
          <dd>{funnel.pending}</dd>
        </dl>
      </section>
      <RecentSurveys refreshMs={overviewRefreshMs} onWatch={props.onWatch} />
    </div>
  );
}
