/** The baseline: a bare `ws` server that sends every message back on the socket it came from. */
import { WebSocketServer } from 'ws';
import { serveCpuWindows } from './cpu-window.ts';
import type { FromNode, ToNode } from './ipc.ts';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
serveCpuWindows();
wss.on('listening', () => {
  const address = wss.address();
  process.send?.({
    type: 'ready',
    port: typeof address === 'object' && address ? address.port : 0,
  } satisfies FromNode);
});
process.on('message', (message: ToNode) => {
  if (message.type === 'stop') wss.close(() => process.exit(0));
});
