import { pageLimits as limits } from '@beckon/protocol/limits';
import { type AuthTokenProvider, requestToken } from './auth.ts';
import { emitError } from './events.ts';

/** The page's `setAuthTokenProvider` function; asked after `welcome`, when set, and before a chat starts. */
export class AuthSource {
  provider: AuthTokenProvider | undefined;
  #inFlight: Promise<void> | undefined;

  readonly #sendToken: (token: string) => void;

  constructor(sendToken: (token: string) => void) {
    this.#sendToken = sendToken;
  }

  set(provider: AuthTokenProvider | undefined): void {
    this.provider = provider;
    this.#inFlight = undefined;
  }

  /** Resolves once the token is sent or the failure reported; never rejects. */
  refresh(): Promise<void> {
    const provider = this.provider;
    if (!provider) return Promise.resolve();
    if (this.#inFlight) return this.#inFlight;
    const attempt = requestToken(provider, limits.authTokenProviderTimeoutMs).then((result) => {
      if (this.#inFlight === attempt) this.#inFlight = undefined;
      if (provider !== this.provider) return;
      if (result.ok) this.#sendToken(result.token);
      else emitError(result.code, result.description);
    });
    this.#inFlight = attempt;
    return attempt;
  }
}
