import type { CustomerMatch } from '@beckon/protocol';
import { useId } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { workspaceMessages } from './workspace-messages.ts';

const t = messagesOf(workspaceMessages);

/** The record the visitor's pre-chat answers describe: one click creates it, linked as unverified. */
export function ProposedCustomer(props: {
  proposed: NonNullable<CustomerMatch['proposed']>;
  busy: boolean;
  onCreate(): void;
}) {
  const { proposed } = props;
  const headingId = useId();
  return (
    <section className="card" data-testid="customer-proposed" aria-labelledby={headingId}>
      <h4 id={headingId}>{t.proposedCustomer}</h4>
      <dl className="facts">
        <dt>{t.name}</dt>
        <dd data-testid="customer-proposed-name">{proposed.name}</dd>
        <dt>{t.email}</dt>
        <dd data-testid="customer-proposed-email">{proposed.email ?? '—'}</dd>
        <dt>{t.phone}</dt>
        <dd>{proposed.phone ?? '—'}</dd>
      </dl>
      <button
        type="button"
        className="primary"
        data-testid="customer-create-proposed"
        disabled={props.busy}
        onClick={props.onCreate}
      >
        {t.createProposed}
      </button>
    </section>
  );
}
