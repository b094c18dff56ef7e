/**
 * Which pages may act with a signed-in user's session: the console's own origins. One predicate for the HTTP
 * routes (`http/origin-check.ts`) and the agent socket's upgrade, so that both draw the line in the same place.
 *
 * The console's origins are BECKON_PUBLIC_URL's, the configured BECKON_CONSOLE_ORIGINS, and the origin the
 * request itself was addressed to (its scheme and `Host`): a page is always allowed to talk to its own origin.
 */
export class ConsoleOrigins {
  readonly #origins: ReadonlySet<string>;

  constructor(origins: Iterable<string>) {
    this.#origins = new Set([...origins].map((origin) => normalise(origin)).filter((o) => o !== undefined));
  }

  static fromConfig(config: { publicUrl?: string; consoleOrigins: readonly string[] }): ConsoleOrigins {
    return new ConsoleOrigins([
      ...(config.publicUrl ? [new URL(config.publicUrl).origin] : []),
      ...config.consoleOrigins,
    ]);
  }

  get list(): string[] {
    return [...this.#origins];
  }

  /**
   * True when `origin` (an `Origin` header) is one of the console's. `ownOrigin` is the origin the request was
   * addressed to (see `requestOrigin`). The opaque origin `null` (sandboxed frames, `data:` pages) never is.
   */
  allows(origin: string | undefined, ownOrigin?: string): boolean {
    const normalised = origin === undefined ? undefined : normalise(origin);
    if (!normalised) return false;
    return this.#origins.has(normalised) || (ownOrigin !== undefined && normalise(ownOrigin) === normalised);
  }

  /**
   * Whether a state-changing request may go ahead. Browsers send `Origin` with every such request; when it is
   * absent, `Sec-Fetch-Site: same-origin` vouches for the page. A request with neither that carries the session
   * cookie is refused (an old or unusual browser could be forging it); one with neither and no session is a
   * plain API client and passes.
   */
  judge(request: RequestOrigin): OriginVerdict {
    if (request.origin !== undefined) {
      return this.allows(request.origin, request.ownOrigin)
        ? { allowed: true }
        : { allowed: false, reason: `The origin ${request.origin} is not the console's.` };
    }
    if (request.secFetchSite !== undefined) {
      return request.secFetchSite === 'same-origin'
        ? { allowed: true }
        : { allowed: false, reason: `A ${request.secFetchSite} page may not do this.` };
    }
    return request.hasSession
      ? { allowed: false, reason: 'A signed-in change must say where it comes from (Origin).' }
      : { allowed: true };
  }
}

export interface RequestOrigin {
  /** The `Origin` header, if any. */
  origin?: string;
  /** The `Sec-Fetch-Site` header, if any. */
  secFetchSite?: string;
  /** The origin the request was addressed to: `requestOrigin(protocol, host)`. */
  ownOrigin?: string;
  /** Whether the request carries the session cookie. */
  hasSession: boolean;
}

export type OriginVerdict = { allowed: true } | { allowed: false; reason: string };

/** The origin a request was addressed to, from its scheme (`http`/`https`, or `ws`/`wss`) and `Host` header. */
export function requestOrigin(protocol: string, host: string | undefined): string | undefined {
  if (!host) return undefined;
  const scheme = protocol.replace(/:$/, '').toLowerCase();
  const web = scheme === 'wss' ? 'https' : scheme === 'ws' ? 'http' : scheme;
  if (web !== 'http' && web !== 'https') return undefined;
  return normalise(`${web}://${host}`);
}

function normalise(origin: string): string | undefined {
  if (!/^https?:\/\/[^/?#@\s]+\/?$/i.test(origin)) return undefined;
  try {
    return new URL(origin).origin;
  } catch {
    return undefined;
  }
}
