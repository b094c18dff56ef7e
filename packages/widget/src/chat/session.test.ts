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
    chat.queuePosition({ type: 'queue.position', conversationId: 'cnv_1', position: 1 });
    expect(chat.paneState().queuePosition).toBe(1);
  });

  it('forgets the position once an agent joins', () => {
    const chat = new Chat(host());
    chat.conversation(waiting);
    chat.queuePosition({ type: 'queue.position', conversationId: 'cnv_1', position: 1 });
    chat.conversation({ id: 'cnv_1', status: 'active', agentName: 'Ada' });
    expect(chat.paneState().queuePosition).toBeUndefined();
  });
});
