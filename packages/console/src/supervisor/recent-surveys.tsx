import type { SurveyListItem } from '@beckon/protocol';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { formatClock } from '../i18n/intl.ts';
import { messagesOf } from '../i18n/messages.ts';
import { TableScroll } from '../shell/table-scroll.tsx';
import { supervisorMessages } from './supervisor-messages.ts';

/** How many of the latest post-chat surveys the supervisor sees. */
export const recentSurveyCount = 20;

/** Stars for a 1–5 rating, with the number for screen readers and copy-paste. */
export function ratingLabel(rating: number): string {
  return `${'★'.repeat(rating)}${'☆'.repeat(Math.max(0, 5 - rating))} (${rating}/5)`;
}

/** Supervisor: the latest post-chat surveys (rating, comment, agent, conversation), refreshed every `refreshMs`. */
export function RecentSurveys(props: { refreshMs: number; onWatch(conversationId: string): void }) {
  const t = messagesOf(supervisorMessages);
  const [surveys, setSurveys] = useState<SurveyListItem[]>();
  const [error, setError] = useState<string>();
  const { refreshMs } = props;

  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .recentSurveys(recentSurveyCount)
        .then((next) => {
          if (!live) return;
          setSurveys(next);
          setError(undefined);
        })
        .catch((cause: unknown) => live && setError(errorMessage(cause)));
    void load();
    const timer = window.setInterval(load, refreshMs);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [refreshMs]);

  return (
    <section className="card" aria-labelledby="sv-surveys">
      <h2 id="sv-surveys">{t.recentSurveys}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {surveys?.length === 0 && <p className="muted">{t.noSurveys}</p>}
      <TableScroll label={t.recentSurveys}>
        <table className="data-table" data-testid="sv-surveys">
          <thead>
            <tr>
              <th scope="col">{t.rating}</th>
              <th scope="col">{t.comment}</th>
              <th scope="col">{t.agent}</th>
              <th scope="col">{t.conversation}</th>
              <th scope="col">{t.answered}</th>
            </tr>
          </thead>
          <tbody>
            {(surveys ?? []).map((survey) => (
              <tr key={survey.conversationId} data-testid="sv-survey">
                <td>{ratingLabel(survey.rating)}</td>
                <td>{survey.comment ?? '–'}</td>
                <td>{survey.agentName ?? '–'}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => props.onWatch(survey.conversationId)}
                    aria-label={t.openConversation(survey.conversationId)}
                  >
                    {survey.conversationId}
                  </button>
                </td>
                <td>{formatClock(survey.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
