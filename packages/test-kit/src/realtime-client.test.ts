import type { AddressInfo } from 'node:net';
import { FrameSchemaError, type VisitorServerFrame } from '@beckon/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { TestSocket, UpgradeRefused } from './realtime-client.ts';

let server: WebSocketServer | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A socket server that sends these frames to whoever connects on `/v1/visitor`. */
async function serving(frames: unknown[]): Promise<string> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', (ws) => {
    for (const frame of frames) ws.send(JSON.stringify(frame));
  });
  await new Promise((resolve) => server?.once('listening', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/visitor`;
}

describe('TestSocket', () => {
  it('hands out frames that match the server-frame schema', async () => {
    const socket = await TestSocket.connect<VisitorServerFrame>(
      await serving([{ type: 'pong', serverTime: 1 }]),
    );
    expect(await socket.next('pong')).toEqual({ type: 'pong', serverTime: 1 });
    await socket.close();
  });

  it('fails loudly on a frame that breaks the schema', async () => {
    const errors: FrameSchemaError[] = [];
    const url = await serving([{ type: 'message.ack', clientMsgId: 'c1', messageId: 'm1' }]);
    const socket = await TestSocket.connect<VisitorServerFrame>(
      url,
      {},
      { onSchemaError: (e) => errors.push(e) },
    );
    await expect(socket.next('message.ack')).rejects.toThrow(FrameSchemaError);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.problem).toContain('seq');
    await socket.close();
  });

  it('refuses a path with no server-frame schema', async () => {
    await expect(TestSocket.connect('ws://127.0.0.1:1/elsewhere')).rejects.toThrow(/no server-frame schema/);
  });

  it('reports a refused upgrade with its status', () => {
    expect(new UpgradeRefused(404, '{"error":{}}')).toMatchObject({ status: 404, body: '{"error":{}}' });
  });
});
