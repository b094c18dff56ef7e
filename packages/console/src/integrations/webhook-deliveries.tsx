import type { WebhookDeliveryView, WebhookEndpointView } from '@beckon/protocol';
import { Fragment, useCallback, useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { ListedTable } from '../shell/listed-table.tsx';
import { WebhookAttempts } from './webhook-attempts.tsx';
import { webhookTime } from './webhook-time.ts';
import { webhooksMessages } from './webhooks-messages.ts';

/** While the log is open it is read again now and then: a retry or a new event shows without a click. */
const refreshEveryMs = 5_000;

/**
 * One endpoint's delivery log, newest first: each event's outcome, its attempts, the receiver's last status and
 * what it said (or why the attempt failed), when the next attempt is due; "Send again" on a finished one. A
 * delivery opens to show each of its attempts (webhook-attempts.tsx).
 */
export function WebhookDeliveries(props: { endpoint: WebhookEndpointView; onNotice(text: string): void }) {
  const t = messagesOf(webhooksMessages);
  const id = useId();
  const { endpoint, onNotice } = props;
  const [deliveries, setDeliveries] = useState<WebhookDeliveryView[]>();
  const [problem, setProblem] = useState<string>();
  const [open, setOpen] = useState<string>();

  const load = useCallback(async () => {
    try {
      setDeliveries(await api.webhookDeliveries(endpoint.id));
      setProblem(undefined);
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }, [endpoint.id]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshEveryMs);
    return () => clearInterval(timer);
  }, [load]);

  async function act(run: () => Promise<unknown>, notice: string) {
    try {
      await run();
      onNotice(notice);
      await load();
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }

  const status = (delivery: WebhookDeliveryView) =>
    delivery.status === 'delivered' ? t.delivered : delivery.status === 'failed' ? t.failed : t.pending;
  const answer = (delivery: WebhookDeliveryView) =>
    [delivery.lastStatus === null ? null : `HTTP ${delivery.lastStatus}`, delivery.lastError]
      .filter(Boolean)
      .join(' — ') || (delivery.lastAttemptAt === null ? '' : t.noAnswer);

  return (
    <section className="stack" aria-labelledby={`${id}-title`} data-testid="webhook-deliveries">
      <h3 id={`${id}-title`}>{t.deliveriesNamed(endpoint.url)}</h3>
      <div className="row">
        <button type="button" onClick={() => void load()}>
          {t.refresh}
        </button>
        <button
          type="button"
          data-testid="webhook-send-test"
          aria-label={t.sendTestNamed(endpoint.url)}
          onClick={() => void act(() => api.testWebhook(endpoint.id), t.testNotice)}
        >
          {t.sendTest}
        </button>
      </div>
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      <ListedTable
        items={deliveries}
        label={t.deliveriesNamed(endpoint.url)}
        loading={t.loadingDeliveries}
        none={t.noDeliveries}
      >
        {(deliveries) => (
          <table className="team-table">
            <thead>
              <tr>
                <th scope="col">{t.eventColumn}</th>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.attempts}</th>
                <th scope="col">{t.lastAttempt}</th>
                <th scope="col">{t.answer}</th>
                <th scope="col">{t.nextAttempt}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <Fragment key={delivery.id}>
                  <tr data-testid="webhook-delivery">
                    <td>
                      <code>{delivery.eventType}</code>
                    </td>
                    <td>{webhookTime(delivery.createdAt)}</td>
                    <td data-testid="webhook-delivery-status">{status(delivery)}</td>
                    <td>{delivery.attempts}</td>
                    <td>
                      {delivery.lastAttemptAt === null ? t.notYet : webhookTime(delivery.lastAttemptAt)}
                    </td>
                    <td data-testid="webhook-delivery-answer">{answer(delivery)}</td>
                    <td>{delivery.nextAttemptAt === null ? '' : webhookTime(delivery.nextAttemptAt)}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        data-testid="webhook-show-attempts"
                        aria-expanded={open === delivery.id}
                        aria-controls={`${id}-attempts-${delivery.id}`}
                        aria-label={t.showAttemptsNamed(delivery.eventType, webhookTime(delivery.createdAt))}
                        onClick={() => setOpen(open === delivery.id ? undefined : delivery.id)}
                      >
                        {t.showAttempts}
                      </button>
                      {delivery.status === 'pending' ? null : (
                        <button
                          type="button"
                          data-testid="webhook-send-again"
                          aria-label={t.sendAgainNamed(delivery.eventType, webhookTime(delivery.createdAt))}
                          onClick={() =>
                            void act(
                              () => api.resendWebhookDelivery(endpoint.id, delivery.id),
                              t.resentNotice,
                            )
                          }
                        >
                          {t.sendAgain}
                        </button>
                      )}
                    </td>
                  </tr>
                  {open === delivery.id ? (
                    <tr>
                      <td colSpan={8}>
                        <WebhookAttempts
                          id={`${id}-attempts-${delivery.id}`}
                          endpointId={endpoint.id}
                          delivery={delivery}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
      </ListedTable>
    </section>
  );
}
