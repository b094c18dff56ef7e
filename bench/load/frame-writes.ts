/**
 * What writing a text frame to a WebSocket costs the sender (docs/performance.md, "Relay round 13"): 200 sockets
 * over loopback, each sent `perTurn` copies of a relayed message's frame per turn of the event loop, through `ws`
 * on a socket corked for the turn (as Beckon's `corkForTurn` does) or as one buffer of hand-built frames per socket
 * and turn. CPU of the sending section alone per frame, where the system call is made (on loopback it also
 * delivers to the receiver); the clients read in this process, outside that section.
 *
 *   node --import tsx bench/load/frame-writes.ts [ws|one] [perTurn]
 */
import { type AddressInfo, WebSocket, WebSocketServer } from 'ws';

const mode = process.argv[2] === 'one' ? 'one' : 'ws';
const perTurn = Number(process.argv[3] ?? 1);
const SOCKETS = 200;
const TURNS = 3000;

const text = JSON.stringify({
  type: 'message',
  message: {
    id: 'msg_0123456789abcdef0123456789ab',
    conversationId: 'cnv_0123456789abcdef',
    seq: 12,
    author: 'visitor',
    authorName: 'Visitor',
    text: 'x'.repeat(100),
    clientMsgId: 'c_0123456789abcdef',
    createdAt: Date.now(),
  },
});

/** Unmasked FIN text frames back to back in one buffer (RFC 6455 §5.2; payloads below 64 KiB). */
function frames(texts: string[]): Buffer {
  const lengths = texts.map((t) => Buffer.byteLength(t));
  const total = lengths.reduce((sum, n) => sum + n + (n < 126 ? 2 : 4), 0);
  const buffer = Buffer.allocUnsafe(total);
  let at = 0;
  texts.forEach((t, i) => {
    const n = lengths[i] as number;
    buffer[at++] = 0x81;
    if (n < 126) buffer[at++] = n;
    else {
      buffer[at++] = 126;
      buffer.writeUInt16BE(n, at);
      at += 2;
    }
    at += buffer.write(t, at);
  });
  return buffer;
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const served: { ws: WebSocket; socket: import('node:net').Socket }[] = [];
wss.on('connection', (ws, request) =>
  served.push({ ws, socket: request.socket as import('node:net').Socket }),
);
await new Promise((resolve) => wss.on('listening', resolve));
const { port } = wss.address() as AddressInfo;
let received = 0;
const clients = await Promise.all(
  Array.from(
    { length: SOCKETS },
    () =>
      new Promise<WebSocket>((resolve) => {
        const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
        client.on('message', () => {
          received += 1;
        });
        client.on('open', () => resolve(client));
      }),
  ),
);
while (served.length < SOCKETS) await new Promise((resolve) => setTimeout(resolve, 10));

const batch = Array.from({ length: perTurn }, () => text);
let spent = 0;
for (let turn = 0; turn < TURNS; turn++) {
  const before = process.cpuUsage();
  for (const { ws, socket } of served) {
    if (mode === 'one') socket.write(frames(batch));
    else {
      socket.cork();
      for (const t of batch) ws.send(t);
    }
  }
  if (mode === 'ws') for (const { socket } of served) socket.uncork();
  const used = process.cpuUsage(before);
  spent += used.user + used.system;
  await new Promise((resolve) => setImmediate(resolve));
  // Never far ahead of the readers: the socket buffers stay small, as in the relay.
  while (received < turn * SOCKETS * perTurn * 0.9) await new Promise((resolve) => setImmediate(resolve));
}
while (received < TURNS * SOCKETS * perTurn) await new Promise((resolve) => setTimeout(resolve, 5));
const sent = TURNS * SOCKETS * perTurn;
process.stdout.write(
  `${mode}, ${perTurn} frame(s) per socket and turn: ${(spent / sent).toFixed(2)} µs of CPU per frame sent\n`,
);
for (const client of clients) client.terminate();
wss.close();
