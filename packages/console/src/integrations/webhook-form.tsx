import {
  type WebhookEventType,
  type WebhookWithSecret,
  webhookEventTypes,
  webhookLimits,
} from '@beckon/protocol';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { CheckboxGroup } from '../forms/checkbox-group.tsx';
import { messagesOf } from '../i18n/messages.ts';
import { webhooksMessages } from './webhooks-messages.ts';

/** Admin: an endpoint's URL, an optional description and the events it hears (checkboxes in a fieldset). */
export function WebhookForm(props: { onCreated(endpoint: WebhookWithSecret): void }) {
  const t = messagesOf(webhooksMessages);
  const id = useId();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [problem, setProblem] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    if (events.length === 0) return setProblem(t.pickEvent);
    try {
      props.onCreated(
        await api.createWebhook({ url: url.trim(), description: description.trim(), events, enabled: true }),
      );
      setUrl('');
      setDescription('');
      setEvents([]);
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }

  return (
    <form className="card stack" aria-labelledby={`${id}-title`} onSubmit={submit} data-testid="webhook-form">
      <h2 id={`${id}-title`}>{t.createHeading}</h2>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t.url}</label>
        <input
          id={`${id}-url`}
          name="webhook-url"
          type="url"
          required
          maxLength={webhookLimits.urlMaxLength}
          autoComplete="off"
          aria-describedby={`${id}-url-hint`}
          value={url}
          onChange={(event) => setUrl(event.target.value)}
        />
        <span id={`${id}-url-hint`} className="muted">
          {t.urlHint}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t.description}</label>
        <input
          id={`${id}-description`}
          name="webhook-description"
          maxLength={webhookLimits.descriptionMaxLength}
          autoComplete="off"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <CheckboxGroup
        legend={t.events}
        values={webhookEventTypes}
        chosen={events}
        describe={t.event}
        onChange={setEvents}
      />
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      <button type="submit" className="primary" data-testid="webhook-create">
        {t.create}
      </button>
    </form>
  );
}
