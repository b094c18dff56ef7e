import type { WebhookEndpointView, WebhookWithSecret } from '@beckon/protocol';
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { ListedTable } from '../shell/listed-table.tsx';
import { ShownOnce } from '../shell/shown-once.tsx';
import { useLoaded } from '../state/use-loaded.ts';
import { WebhookDeliveries } from './webhook-deliveries.tsx';
import { WebhookForm } from './webhook-form.tsx';
import { webhookTime } from './webhook-time.ts';
import { webhooksMessages } from './webhooks-messages.ts';

type Confirming = { id: string; action: 'rotate' | 'remove' };

/**
 * Admin: the endpoints Beckon sends signed webhooks to. Add one (its signing secret shown once), turn it on or
 * off, make a new secret, delete it (both after a confirmation), and open its delivery log.
 */
export function WebhooksScreen() {
  const t = messagesOf(webhooksMessages);
  const [endpoints, setEndpoints, problem, setProblem] = useLoaded(() => api.webhooks());
  const [secret, setSecret] = useState<WebhookWithSecret>();
  const [confirming, setConfirming] = useState<Confirming>();
  const [open, setOpen] = useState<string>();
  const [notice, setNotice] = useState<string>();

  async function act(run: () => Promise<string>) {
    setProblem(undefined);
    try {
      const said = await run();
      setEndpoints(await api.webhooks());
      setConfirming(undefined);
      setNotice(said);
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }

  const actions: RowActions = {
    toggle: (endpoint) =>
      void act(async () => {
        await api.updateWebhook(endpoint.id, { enabled: !endpoint.enabled });
        return t.updatedNotice(endpoint.url);
      }),
    rotate: (endpoint) =>
      void act(async () => {
        setSecret(await api.rotateWebhookSecret(endpoint.id));
        return t.rotatedNotice(endpoint.url);
      }),
    remove: (endpoint) =>
      void act(async () => {
        await api.deleteWebhook(endpoint.id);
        if (open === endpoint.id) setOpen(undefined);
        return t.removedNotice(endpoint.url);
      }),
    confirm: (endpoint, action) => setConfirming(action ? { id: endpoint.id, action } : undefined),
    log: (endpoint) => setOpen((current) => (current === endpoint.id ? undefined : endpoint.id)),
  };
  const opened = endpoints?.find((endpoint) => endpoint.id === open);

  return (
    <section className="webhooks stack" aria-labelledby="screen-heading" data-testid="webhooks-screen">
      <p>{t.intro}</p>
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      <p role="status">{notice ?? ''}</p>
      {secret ? (
        <ShownOnce
          value={secret.secret}
          testId="webhook"
          onDone={() => setSecret(undefined)}
          text={{
            heading: `${t.secretHeading}: ${secret.url}`,
            hint: t.secretHint,
            label: t.secret,
            copy: t.copy,
            copied: t.copied,
            copyByHand: t.copyByHand,
            done: t.done,
          }}
        />
      ) : null}
      <WebhookForm
        onCreated={(endpoint) => {
          setSecret(endpoint);
          setNotice(t.createdNotice(endpoint.url));
          setEndpoints((list) => [endpoint, ...(list ?? [])]);
        }}
      />
      <h2>{t.listHeading}</h2>
      <ListedTable items={endpoints} label={t.listHeading} loading={t.loading} none={t.none}>
        {(endpoints) => (
          <table className="team-table">
            <thead>
              <tr>
                <th scope="col">{t.url}</th>
                <th scope="col">{t.events}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <EndpointRow
                  key={endpoint.id}
                  endpoint={endpoint}
                  confirming={confirming?.id === endpoint.id ? confirming.action : undefined}
                  logOpen={open === endpoint.id}
                  actions={actions}
                />
              ))}
            </tbody>
          </table>
        )}
      </ListedTable>
      {opened ? <WebhookDeliveries key={opened.id} endpoint={opened} onNotice={setNotice} /> : null}
    </section>
  );
}

interface RowActions {
  toggle(endpoint: WebhookEndpointView): void;
  rotate(endpoint: WebhookEndpointView): void;
  remove(endpoint: WebhookEndpointView): void;
  confirm(endpoint: WebhookEndpointView, action: Confirming['action'] | undefined): void;
  log(endpoint: WebhookEndpointView): void;
}

function EndpointRow(props: {
  endpoint: WebhookEndpointView;
  confirming: Confirming['action'] | undefined;
  logOpen: boolean;
  actions: RowActions;
}) {
  const t = messagesOf(webhooksMessages);
  const id = useId();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const { endpoint, actions, confirming } = props;
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const since = endpoint.failingSince === null ? '' : webhookTime(endpoint.failingSince);
  const status = endpoint.enabled
    ? endpoint.failingSince === null
      ? t.enabled
      : t.failingSince(since)
    : endpoint.disabledReason === 'failing'
      ? t.disabledFailing(since)
      : t.disabled;
  return (
    <>
      <tr data-testid="webhook-row">
        <td>
          <code>{endpoint.url}</code>
          {endpoint.description ? <div className="muted">{endpoint.description}</div> : null}
        </td>
        <td>
          {endpoint.events.map((event) => (
            <code key={event} className="scope" title={t.event(event)}>
              {event}{' '}
            </code>
          ))}
        </td>
        <td data-testid="webhook-status">{status}</td>
        <td className="row-actions">
          <button
            type="button"
            aria-label={endpoint.enabled ? t.turnOffNamed(endpoint.url) : t.turnOnNamed(endpoint.url)}
            onClick={() => actions.toggle(endpoint)}
          >
            {endpoint.enabled ? t.turnOff : t.turnOn}
          </button>
          <button
            type="button"
            data-testid="webhook-log"
            aria-expanded={props.logOpen}
            aria-label={props.logOpen ? t.hideDeliveries : t.deliveriesNamed(endpoint.url)}
            onClick={() => actions.log(endpoint)}
          >
            {props.logOpen ? t.hideDeliveries : t.deliveries}
          </button>
          <button
            type="button"
            aria-label={t.rotateNamed(endpoint.url)}
            aria-expanded={confirming === 'rotate'}
            onClick={() => actions.confirm(endpoint, 'rotate')}
          >
            {t.rotate}
          </button>
          <button
            type="button"
            className="danger"
            aria-label={t.removeNamed(endpoint.url)}
            aria-expanded={confirming === 'remove'}
            onClick={() => actions.confirm(endpoint, 'remove')}
          >
            {t.remove}
          </button>
        </td>
      </tr>
      {confirming ? (
        <tr>
          <td colSpan={4}>
            <div role="alertdialog" aria-labelledby={`${id}-title`} className="confirm">
              <strong id={`${id}-title`}>
                {confirming === 'rotate' ? t.confirmRotate(endpoint.url) : t.confirmRemove(endpoint.url)}
              </strong>{' '}
              <button
                type="button"
                className={confirming === 'remove' ? 'danger' : 'primary'}
                ref={confirmButton}
                data-testid="webhook-confirm"
                onClick={() =>
                  confirming === 'rotate' ? actions.rotate(endpoint) : actions.remove(endpoint)
                }
              >
                {confirming === 'rotate' ? t.rotate : t.remove}
              </button>
              <button type="button" onClick={() => actions.confirm(endpoint, undefined)}>
                {t.cancel}
              </button>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
