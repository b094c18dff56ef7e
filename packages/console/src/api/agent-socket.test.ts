import { closeCodes } from '@beckon/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentSocket } from './agent-socket.ts';

/** Just enough of the browser's WebSocket to drive the socket's handlers. */
class FakeWebSocket {
  static readonly OPEN = 1;
  static last: FakeWebSocket | undefined;
  static opened = 0;
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeWebSocket.last = this;
    FakeWebSocket.opened++;
  }
  readonly sent: string[] = [];
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {}
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('AgentSocket', () => {
  it('reports and counts a frame that breaks the schema, and keeps handling the next ones', () => {
    vi.stubGlobal('WebSocket', FakeWebSocket);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const frames: unknown[] = [];
    const socket = new AgentSocket('ws://x/v1/agent', { frame: (f) => frames.push(f), status: () => {} });
    socket.start();
    const ws = FakeWebSocket.last!;
    ws.onmessage?.({ data: JSON.stringify({ type: 'presence', status: 'sleeping' }) });
    ws.onmessage?.({ data: JSON.stringify({ type: 'presence', status: 'busy' }) });
    expect(frames).toEqual([{ type: 'presence', status: 'busy' }]);
    expect(socket.invalidFrames).toBe(1);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(/frame type presence[\s\S]*status/);
    socket.stop();
  });

  it('stops and reports the end of the session on close code 4003, and only then', () => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeWebSocket);
    const ended = vi.fn();
    const socket = new AgentSocket('ws://x/v1/agent', {
      frame: () => {},
      status: () => {},
      sessionEnded: ended,
    });
    socket.start();
    const before = FakeWebSocket.opened;
    FakeWebSocket.last!.onclose?.({ code: 1006 });
    vi.advanceTimersByTime(1000);
    expect(FakeWebSocket.opened).toBe(before + 1);
    expect(ended).not.toHaveBeenCalled();
    FakeWebSocket.last!.onclose?.({ code: closeCodes.sessionEnded });
    vi.advanceTimersByTime(60_000);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(FakeWebSocket.opened).toBe(before + 1);
    vi.useRealTimers();
  });

  it('keeps a presence picked while the socket is down, the latest one, and sends it once the socket opens', () => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeWebSocket);
    const socket = new AgentSocket('ws://x/v1/agent', { frame: () => {}, status: () => {} });
    socket.start();
    const first = FakeWebSocket.last!;
    socket.sendLatest({ type: 'presence.set', status: 'busy' });
    socket.sendLatest({ type: 'presence.set', status: 'available' });
    expect(first.sent).toEqual([]);
    first.readyState = FakeWebSocket.OPEN;
    first.onopen?.();
    expect(first.sent.map((text) => JSON.parse(text))).toEqual([
      { type: 'presence.set', status: 'available' },
    ]);
    // Sent while open: nothing kept for the next socket.
    socket.sendLatest({ type: 'presence.set', status: 'away' });
    first.readyState = 3;
    first.onclose?.({ code: 1006 });
    vi.advanceTimersByTime(1000);
    const second = FakeWebSocket.last!;
    expect(second).not.toBe(first);
    second.readyState = FakeWebSocket.OPEN;
    second.onopen?.();
    expect(second.sent).toEqual([]);
    socket.stop();
    vi.useRealTimers();
  });
});
