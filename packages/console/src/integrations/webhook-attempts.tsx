import type { WebhookAttemptView, WebhookDeliveryView } from '@beckon/protocol';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { webhookTime } from './webhook-time.ts';
import { webhooksMessages } from './webhooks-messages.ts';

/**
 * One delivery's attempts, oldest first: when each was sent, how long the receiver took, its status or why the
 * attempt failed, the start of its answer, and which node sent it. Read again whenever the delivery changes.
 */
export function WebhookAttempts(props: { endpointId: string; delivery: WebhookDeliveryView; id: string }) {
  const t = messagesOf(webhooksMessages);
  const { endpointId, delivery } = props;
  const [attempts, setAttempts] = useState<WebhookAttemptView[]>();
  const [problem, setProblem] = useState<string>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when the log's refresh shows a new attempt.
  useEffect(() => {
    let current = true;
    api.webhookAttempts(endpointId, delivery.id).then(
      (rows) => {
        if (!current) return;
        setAttempts(rows);
        setProblem(undefined);
      },
      (cause: unknown) => current && setProblem(errorMessage(cause)),
    );
    return () => {
      current = false;
    };
  }, [endpointId, delivery.id, delivery.attempts, delivery.lastAttemptAt]);

  const caption = t.showAttemptsNamed(delivery.eventType, webhookTime(delivery.createdAt));
  return (
    <div id={props.id} data-testid="webhook-attempts">
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      {attempts === undefined ? (
        <p>{t.loadingAttempts}</p>
      ) : attempts.length === 0 ? (
        <p>{t.noAttempts}</p>
      ) : (
        <table className="team-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.attemptNumber}</th>
              <th scope="col">{t.sentAt}</th>
              <th scope="col">{t.duration}</th>
              <th scope="col">{t.outcome}</th>
              <th scope="col">{t.response}</th>
              <th scope="col">{t.node}</th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((attempt) => (
              <tr key={attempt.attempt} data-testid="webhook-attempt">
                <td>{attempt.attempt}</td>
                <td>{webhookTime(attempt.startedAt)}</td>
                <td>{t.milliseconds(attempt.durationMs)}</td>
                <td data-testid="webhook-attempt-outcome">
                  {attempt.error ?? (attempt.status === null ? t.noAnswer : `HTTP ${attempt.status}`)}
                </td>
                <td data-testid="webhook-attempt-response">
                  {attempt.response ? <code>{attempt.response}</code> : ''}
                </td>
                <td>
                  <code>{attempt.node}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
