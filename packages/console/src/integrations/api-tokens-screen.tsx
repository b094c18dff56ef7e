import type { ApiToken, CreatedApiToken } from '@beckon/protocol';
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { consoleLocale } from '../locale.ts';
import { ListedTable } from '../shell/listed-table.tsx';
import { useLoaded } from '../state/use-loaded.ts';
import { ApiReference } from './api-reference.tsx';
import { ApiTokenForm } from './api-token-form.tsx';
import { apiTokensMessages } from './api-tokens-messages.ts';
import { NewApiToken } from './new-api-token.tsx';

const when = (at: number) => new Date(at).toLocaleString(consoleLocale === 'fr' ? 'fr-FR' : 'en-GB');

/**
 * Admin: API tokens for the company's own systems. Create one (its secret shown once), see each token's scopes,
 * expiry and last use, and revoke it (after a confirmation). Links to the API reference documents.
 */
export function ApiTokensScreen() {
  const t = messagesOf(apiTokensMessages);
  const [tokens, setTokens, problem, setProblem] = useLoaded(() => api.apiTokens());
  const [created, setCreated] = useState<CreatedApiToken>();
  const [confirming, setConfirming] = useState<string>();
  const [notice, setNotice] = useState<string>();

  async function revoke(token: ApiToken) {
    setProblem(undefined);
    try {
      await api.revokeApiToken(token.id);
      setTokens(await api.apiTokens());
      setConfirming(undefined);
      setNotice(t.revokedNotice(token.name));
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }

  return (
    <section className="api-tokens stack" aria-labelledby="screen-heading" data-testid="api-tokens-screen">
      <p>{t.intro}</p>
      <p>
        {t.reference} <a href="/v1/openapi.json">{t.openApi}</a> ·{' '}
        <a href="/v1/asyncapi.json">{t.asyncApi}</a>
      </p>
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      <p role="status">{notice ?? ''}</p>
      {created ? <NewApiToken created={created} onDone={() => setCreated(undefined)} /> : null}
      <ApiTokenForm
        onCreated={(token) => {
          setCreated(token);
          setNotice(t.createdNotice(token.name));
          setTokens((list) => [token, ...(list ?? [])]);
        }}
      />
      <h2>{t.listHeading}</h2>
      <ListedTable items={tokens} label={t.listHeading} loading={t.loading} none={t.none}>
        {(tokens) => (
          <table className="team-table">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.prefix}</th>
                <th scope="col">{t.scopes}</th>
                <th scope="col">{t.createdBy}</th>
                <th scope="col">{t.expires}</th>
                <th scope="col">{t.lastUsed}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <TokenRow
                  key={token.id}
                  token={token}
                  confirming={confirming === token.id}
                  onConfirm={(open) => setConfirming(open ? token.id : undefined)}
                  onRevoke={() => void revoke(token)}
                />
              ))}
            </tbody>
          </table>
        )}
      </ListedTable>
      <ApiReference />
    </section>
  );
}

function TokenRow(props: {
  token: ApiToken;
  confirming: boolean;
  onConfirm(open: boolean): void;
  onRevoke(): void;
}) {
  const t = messagesOf(apiTokensMessages);
  const id = useId();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const { token } = props;
  useEffect(() => {
    if (props.confirming) confirmButton.current?.focus();
  }, [props.confirming]);
  const status =
    token.revokedAt !== null
      ? t.revoked
      : token.expiresAt !== null && token.expiresAt <= Date.now()
        ? t.expired
        : t.active;
  return (
    <>
      <tr data-testid={`api-token-row-${token.name}`}>
        <td>{token.name}</td>
        <td>
          <code>{token.prefix}…</code>
        </td>
        <td>
          {token.scopes.map((scope) => (
            <code key={scope} className="scope">
              {scope}{' '}
            </code>
          ))}
        </td>
        <td>{t.by(when(token.createdAt), token.createdBy.name)}</td>
        <td>{token.expiresAt === null ? t.never : when(token.expiresAt)}</td>
        <td>{token.lastUsedAt === null ? t.notUsed : when(token.lastUsedAt)}</td>
        <td data-testid="api-token-status">{status}</td>
        <td className="row-actions">
          {token.revokedAt === null ? (
            <button
              type="button"
              className="danger"
              aria-label={t.revokeNamed(token.name)}
              aria-expanded={props.confirming}
              onClick={() => props.onConfirm(true)}
            >
              {t.revoke}
            </button>
          ) : null}
        </td>
      </tr>
      {props.confirming ? (
        <tr>
          <td colSpan={8}>
            <div role="alertdialog" aria-labelledby={`${id}-title`} className="confirm">
              <strong id={`${id}-title`}>{t.confirmRevoke(token.name)}</strong>{' '}
              <button
                type="button"
                className="danger"
                ref={confirmButton}
                data-testid="api-token-confirm-revoke"
                onClick={props.onRevoke}
              >
                {t.revoke}
              </button>
              <button type="button" onClick={() => props.onConfirm(false)}>
                {t.cancel}
              </button>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
