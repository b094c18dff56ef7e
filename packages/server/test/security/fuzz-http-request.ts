import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent exactly as given: no normalisation of dot segments or percent-encodings. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One HTTP/1.1 request with a raw request target, so hostile paths reach the node as written. The connection is
 * kept alive, as browsers do: the node may answer before reading a body (a rate limit, a missing route), and on a
 * connection it then closes, the unread body turns the close into a reset that loses the answer.
 */
export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise<RawResponse>((resolve, reject) => {
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  }).finally(() => agent.destroy());
}
