import WebSocket from 'ws';

/** An upgrade attempt's outcome: the socket opened, or the refusal's HTTP status and JSON body. */
export type UpgradeOutcome =
  | { opened: true; ws: WebSocket }
  | { opened: false; status: number; body: { error?: { code?: string } } };

/** Opens a socket and tells an opened one from a refused upgrade, reading the refusal's body. */
export function tryUpgrade(url: string, headers: Record<string, string>): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ opened: true, ws }));
    ws.once('unexpected-response', (_request, response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        resolve({ opened: false, status: response.statusCode ?? 0, body: text ? JSON.parse(text) : {} });
        ws.terminate();
      });
    });
    ws.once('error', reject);
  });
}

export function closeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(-1);
    else ws.once('close', (code) => resolve(code));
  });
}
