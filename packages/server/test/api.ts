import type { Harness } from './harness.ts';

/** A JSON request as a signed-in user; answers the status and the parsed body (undefined for 204). */
export async function api<T = Record<string, unknown>>(
  h: Harness,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T & { error?: { code: string } } }> {
  const response = await fetch(`${h.url}${path}`, {
    method,
    // The console's own origin, as a browser on it sends: cookie-authenticated changes need it.
    headers:
      body === undefined
        ? { cookie, origin: h.url }
        : { cookie, origin: h.url, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function userIdOf(h: Harness, email: string): Promise<string> {
  return (await h.node.store.findUserByEmail(email))!.id;
}
