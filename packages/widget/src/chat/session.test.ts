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

describe('an accepted invitation with a pre-chat survey', () => {
  const invitation = {
    id: 'inv_1',
    message: 'Need help choosing a plan?',
    expiresAt: 0,
    source: 'rule' as const,
    showPrechat: true,
    author: { name: 'Demo shop' },
  };
  const withFields = (): ChatHost => ({
    ...host(),
    config: () => ({
      name: 'Demo',
      title: 'Chat',
      color: '#000000',
      locale: 'en',
      prechatFields: [{ name: 'email', label: 'Email', kind: 'email', required: false }],
    }),
  });

  it('shows the invitation as the first message above the form, until the answers are sent', () => {
    const sent: unknown[] = [];
    const chat = new Chat({ ...withFields(), send: (frame) => sent.push(frame) > 0 });
    chat.acceptInvitation(invitation);
    expect(chat.paneState()).toMatchObject({
      view: 'prechat',
      intro: { author: 'bot', authorName: 'Demo shop', text: 'Need help choosing a plan?', status: 'sent' },
    });
    chat.submitPrechat({ email: 'a@example.com' });
    expect(chat.paneState().intro).toBeUndefined();
  });

  it('shows no invitation above a survey the visitor opened themselves', () => {
    const chat = new Chat(withFields());
    chat.open(false);
    expect(chat.paneState()).toMatchObject({ view: 'prechat' });
    expect(chat.paneState().intro).toBeUndefined();
  });
});
