import { type CustomerMatch, type CustomerRecord, customerInputSchema } from '@beckon/protocol';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { validationProblem } from '../forms/human-messages.ts';
import { messagesOf } from '../i18n/messages.ts';
import { consoleLocale } from '../locale.ts';
import { PersonDataActions } from '../privacy/person-data-actions.tsx';
import { ProposedCustomer } from './customer-proposal.tsx';
import { VerificationBadge } from './customer-verification.tsx';
import { workspaceMessages } from './workspace-messages.ts';

const linkText = {
  en: 'Link this record (shows its details)',
  fr: 'Lier cette fiche (affiche ses détails)',
};

const t = messagesOf(workspaceMessages);

/** Linked (1 match), ambiguous (the agent picks), none (search, or create and link). */
export function CustomerPanel(props: {
  conversationId: string;
  match: CustomerMatch;
  /** Admins get "Export data" and "Erase" for the linked customer. */
  admin?: boolean;
  onLinked(match: CustomerMatch): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function link(customerId: string) {
    setBusy(true);
    setError(undefined);
    try {
      props.onLinked(await api.linkCustomer(props.conversationId, customerId));
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  async function createProposed() {
    setBusy(true);
    setError(undefined);
    try {
      props.onLinked(await api.createProposedCustomer(props.conversationId));
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  async function unlink() {
    setBusy(true);
    setError(undefined);
    try {
      props.onLinked(await api.unlinkCustomer(props.conversationId));
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  const { match } = props;
  return (
    <div className="customer-panel" data-testid="customer-panel" data-status={match.status}>
      {match.verification && <VerificationBadge verification={match.verification} />}
      {match.status === 'linked' && match.customer ? (
        <>
          <CustomerCard customer={match.customer} method={match.method} />
          {match.verification === 'unverified' && (
            <button
              type="button"
              data-testid="customer-confirm-link"
              disabled={busy}
              onClick={() => void link(match.customer?.id ?? '')}
            >
              {linkText[consoleLocale]}
            </button>
          )}
          <button type="button" data-testid="customer-unlink" disabled={busy} onClick={() => void unlink()}>
            {t.unlink}
          </button>
          {props.admin && (
            <PersonDataActions
              type="customer"
              id={match.customer.id}
              name={match.customer.name || match.customer.email || match.customer.id}
            />
          )}
        </>
      ) : match.status === 'ambiguous' ? (
        <section>
          <h3>{t.severalMatch}</h3>
          <p className="muted">{t.pickRecord}</p>
          <CustomerChoices
            customers={match.candidates}
            testId="customer-candidate"
            busy={busy}
            onLink={link}
          />
        </section>
      ) : (
        <section>
          <h3>{t.noneMatch}</h3>
          {match.proposed && (
            <ProposedCustomer proposed={match.proposed} busy={busy} onCreate={() => void createProposed()} />
          )}
          <CustomerSearch busy={busy} onLink={link} />
          <CustomerCreate
            busy={busy}
            onCreated={(customer) => void link(customer.id)}
            onError={(message) => setError(message)}
          />
        </section>
      )}
      <p className="error" role="alert">
        {error ?? ''}
      </p>
    </div>
  );
}

function CustomerCard(props: { customer: CustomerRecord; method: CustomerMatch['method'] }) {
  const { customer } = props;
  return (
    <section className="card" data-testid="customer-linked">
      <h3>{customer.name || customer.email || customer.phone || '—'}</h3>
      <dl className="facts">
        <dt>{t.email}</dt>
        <dd>{customer.email ?? '—'}</dd>
        <dt>{t.phone}</dt>
        <dd>{customer.phone ?? '—'}</dd>
        <dt>{t.company}</dt>
        <dd>{customer.company ?? '—'}</dd>
        <dt>{t.identifiedBy}</dt>
        <dd data-testid="customer-method">{props.method ? t.method(props.method) : '—'}</dd>
      </dl>
    </section>
  );
}

function CustomerChoices(props: {
  customers: CustomerRecord[];
  testId: string;
  busy: boolean;
  onLink(customerId: string): void;
}) {
  return (
    <ul className="choices">
      {props.customers.map((customer) => (
        <li key={customer.id} data-testid={props.testId}>
          <span>
            <strong>{customer.name || customer.email || customer.id}</strong>
            {customer.name && customer.email && <span className="muted"> · {customer.email}</span>}
          </span>
          <button
            type="button"
            data-testid="customer-link"
            disabled={props.busy}
            onClick={() => props.onLink(customer.id)}
            aria-label={t.linkCustomer(customer.name)}
          >
            {t.link}
          </button>
        </li>
      ))}
    </ul>
  );
}

function CustomerSearch(props: { busy: boolean; onLink(customerId: string): void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CustomerRecord[]>();
  const [error, setError] = useState<string>();

  async function search(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      setResults(await api.searchCustomers(query.trim()));
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }

  return (
    <form className="stack" onSubmit={search}>
      <label htmlFor={id}>{t.findCustomer}</label>
      <div className="row">
        <input
          id={id}
          type="search"
          data-testid="customer-search"
          placeholder={t.findPlaceholder}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit">{t.search}</button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {results &&
        (results.length === 0 ? (
          <p className="muted">{t.noCustomerFound}</p>
        ) : (
          <CustomerChoices
            customers={results}
            testId="customer-result"
            busy={props.busy}
            onLink={props.onLink}
          />
        ))}
    </form>
  );
}

function CustomerCreate(props: {
  busy: boolean;
  onCreated(customer: CustomerRecord): void;
  onError(message: string): void;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<string>();

  async function create(event: FormEvent) {
    event.preventDefault();
    const input = {
      name: name.trim(),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    };
    const checked = customerInputSchema.safeParse(input);
    if (!checked.success) {
      setProblem(validationProblem({ issues: checked.error.issues }, consoleLocale));
      return;
    }
    setProblem(undefined);
    try {
      props.onCreated(await api.createCustomer(input));
    } catch (cause) {
      props.onError(errorMessage(cause));
    }
  }

  return (
    <form className="stack create-customer" onSubmit={create}>
      <h4>{t.createCustomer}</h4>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t.name}</label>
        <input
          id={`${id}-name`}
          name="customer-name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t.email}</label>
        <input
          id={`${id}-email`}
          name="customer-email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t.phone}</label>
        <input
          id={`${id}-phone`}
          name="customer-phone"
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" data-testid="customer-create" disabled={props.busy}>
        {t.createAndLink}
      </button>
    </form>
  );
}
