import type { VisitorConversation } from '@beckon/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatHost } from '../pane-api.ts';
import { Chat } from './session.ts';

// The session announces status changes as window events; Node has EventTarget but no window.
beforeEach(() => {
  vi.stubGlobal('window', new EventTarget());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function host(): ChatHost {
  return {
    send: () => true,
    refreshAuth: async () => {},
    readContext: () => undefined,
    contextSent: () => {},
    pushContextIfChanged: () => {},
    config: () => undefined,
    showPane: () => {},
    hidePane: () => {},
    paneMinimized: () => false,
    minimize: () => {},
    render: () => {},
    agentMessage: () => {},
  };
}

const waiting: VisitorConversation = { id: 'cnv_1', status: 'waiting' };

describe('queue position in the chat session', () => {
  it('shows the latest position of the current conversation while it waits', () => {
    const chat = new Chat(host());
    chat.conversation(waiting);
    chat.queuePosition({ type: 'queue.position', conversationId: 'cnv_1', position: 2 });
    chat.queuePosition({ type: 'queue.position', conversationId: 'cnv_old', position: 5 });
    expect(chat.paneState().queuePosition).toBe(2);
    chat.queuePosition({
      type: 'queue.position',
      conversationId: 'cnv_1',
      position: 1,
      estimatedWaitSeconds: 90,
    });
    expect(chat.paneState()).toMatchObject({ queuePosition: 1, estimatedWaitSeconds: 90 });
  });

  it('forgets the position once an agent joins', () => {
    const chat = new Chat(host());
    chat.conversation(waiting);
    chat.queuePosition({ type: 'queue.position', conversationId: 'cnv_1', position: 1 });
    chat.conversation({ id: 'cnv_1', status: 'active', agentName: 'Ada' });
    expect(chat.paneState().queuePosition).toBeUndefined();
  });
});

describe('receipts for agent messages', () => {
  const agentMessage = {
    id: 'm4',
    conversationId: 'cnv_1',
    seq: 4,
    author: 'agent' as const,
    text: 'Hello',
    createdAt: 1,
  };

  it('reports read when the pane is open in a visible tab, delivered otherwise, and nothing for own messages', () => {
    const sent: unknown[] = [];
    let minimized = false;
    vi.stubGlobal('document', { visibilityState: 'visible' });
    const chat = new Chat({
      ...host(),
      send: (frame) => sent.push(frame) > 0,
      paneMinimized: () => minimized,
    });
    chat.conversation({ id: 'cnv_1', status: 'active' });
    chat.message(agentMessage);
    minimized = true;
    chat.message({ ...agentMessage, id: 'm5', seq: 5 });
    chat.message({ ...agentMessage, id: 'm6', seq: 6, author: 'visitor' });
    expect(sent.filter((f) => (f as { type: string }).type === 'message.receipt')).toEqual([
      { type: 'message.receipt', conversationId: 'cnv_1', seq: 4, status: 'read' },
      { type: 'message.receipt', conversationId: 'cnv_1', seq: 5, status: 'delivered' },
    ]);
  });
});
