/**
 * Agents for the relay measurement, in run.ts's process: each signs in over HTTP, opens the agent socket, goes
 * available, accepts every offer, and reads the send time off every visitor message it receives.
 */
import { request } from 'node:http';
import { agentServerFrameSchema, parseFrameStrict } from '@beckon/protocol';
import { loopbackAddresses, wallClockMs } from '@beckon/test-kit';
import WebSocket from 'ws';

/**
 * Signs in from a given source address. The login route allows 10 attempts a minute per address (a default
 * the benchmark keeps), so the agents sign in from different addresses of 127.0.0.0/8, as agents at their
 * own desks would.
 */
function loginFrom(httpUrl: string, localAddress: string, email: string, password: string): Promise<string> {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = request(
      `${httpUrl}/v1/auth/login`,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
        if (res.statusCode === 200 && cookie) resolve(cookie);
        else reject(new Error(`login of ${email} failed: HTTP ${res.statusCode}`));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

export interface DeliveryWindow {
  from: number;
  to: number;
  /** Visitor message → agent socket, in ms, for messages sent inside the window. */
  latencyMs: number[];
}

/** Where a message frame's text begins, with the bench's `t=` prefix. */
const textKey = '"text":"t=';

export class BenchAgents {
  private sockets: WebSocket[] = [];
  opened = 0;
  errors: string[] = [];
  window: DeliveryWindow | undefined;

  async connect(httpUrl: string, wsUrl: string, emails: string[], password: string): Promise<void> {
    // Past the addresses run.ts gives the client processes.
    const addresses = loopbackAddresses(emails.length, 200);
    for (const [i, email] of emails.entries()) {
      const cookie = await loginFrom(httpUrl, addresses[i]!, email, password);
      const ws = new WebSocket(`${wsUrl}/v1/agent`, {
        headers: { cookie, origin: httpUrl },
        perMessageDeflate: false,
      });
      await new Promise<void>((resolve, reject) => {
        ws.once('error', reject);
        ws.on('message', (data) => {
          const text = data.toString();
          // The relay's frames are not parsed: only their send time is read off the text, as parsing or
          // validating each one would take CPU from the node on the same cores. The rare frames (state, offers)
          // are still checked against the schema.
          if (text.startsWith('{"type":"message",')) {
            this.deliveredFrame(text);
            return;
          }
          const frame = parseFrameStrict(agentServerFrameSchema, text);
          if (frame.type === 'agent.state') {
            ws.send(JSON.stringify({ type: 'presence.set', status: 'available' }));
          } else if (frame.type === 'presence' && frame.status === 'available') {
            resolve();
          } else if (frame.type === 'offer.new') {
            ws.send(JSON.stringify({ type: 'offer.accept', offerId: frame.offer.id }));
          } else if (frame.type === 'conversation.opened') {
            this.opened += 1;
          } else if (frame.type === 'message') {
            this.delivered(frame.message.text);
          } else if (frame.type === 'error') {
            this.errors.push(frame.code);
          }
        });
      });
      this.sockets.push(ws);
    }
  }

  /**
   * A `message` frame's send time, read off its JSON text: inside a JSON string every `"` is escaped, so
   * `"text":"` can only be the message's text key, and the bench's texts start with `t=<ms> ` (no escapes).
   */
  private deliveredFrame(frame: string): void {
    const at = frame.indexOf(textKey);
    if (at >= 0) this.sentAt(Number(frame.slice(at + textKey.length, frame.indexOf(' ', at))));
  }

  private delivered(text: string): void {
    if (text.startsWith('t=')) this.sentAt(Number(text.slice(2, text.indexOf(' '))));
  }

  private sentAt(sentAt: number): void {
    const window = this.window;
    if (!window) return;
    const now = wallClockMs();
    if (sentAt >= window.from && now <= window.to) window.latencyMs.push(now - sentAt);
  }

  close(): void {
    for (const ws of this.sockets) ws.close();
    this.sockets = [];
  }
}
