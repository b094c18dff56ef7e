import type { VisitorClientFrame, WidgetPublicConfig } from '@beckon/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatHost } from '../pane-api.ts';
import { Chat } from './session.ts';

/** "Leave a message" in the chat session: when the form is offered, what it sends, what follows. */

beforeEach(() => {
  vi.stubGlobal('window', new EventTarget());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function host(config?: Partial<WidgetPublicConfig>) {
  const sent: VisitorClientFrame[] = [];
  const chatHost: ChatHost = {
    send: (frame) => {
      sent.push(frame);
      return true;
    },
    refreshAuth: async () => {},
    readContext: () => undefined,
    contextSent: () => {},
    pushContextIfChanged: () => {},
    config: () => ({
      name: 'w',
      title: 'Help',
      color: '#000000',
      locale: 'en',
      prechatFields: [],
      ...config,
    }),
    showPane: () => {},
    hidePane: () => {},
    paneMinimized: () => false,
    minimize: () => {},
    render: () => {},
    agentMessage: () => {},
  };
  return { chatHost, sent };
}

const input = { name: 'Zoé', email: 'zoe@example.com', text: 'Do you ship to Canada?' };

describe('leave a message', () => {
  it('offers the form instead of the queue position when nobody can answer the waiting chat', () => {
    const chat = new Chat(host().chatHost);
    chat.conversation({ id: 'cnv_1', status: 'waiting' });
    chat.queuePosition({ type: 'queue.position', conversationId: 'cnv_1', position: 1 });
    expect(chat.paneState().leaveForm).toBeUndefined();
    chat.other({ type: 'leave.offer', conversationId: 'cnv_1' });
    expect(chat.paneState().leaveForm).toBe('offer');
    // An offer for another conversation is not ours.
    const other = new Chat(host().chatHost);
    other.conversation({ id: 'cnv_2', status: 'waiting' });
    other.other({ type: 'leave.offer', conversationId: 'cnv_1' });
    expect(other.paneState().leaveForm).toBeUndefined();
  });

  it('sends the form, then says the answer comes by e-mail', () => {
    const { chatHost, sent } = host();
    const chat = new Chat(chatHost);
    chat.conversation({ id: 'cnv_1', status: 'waiting' });
    chat.other({ type: 'leave.offer', conversationId: 'cnv_1' });
    chat.leaveMessage(input);
    expect(sent).toEqual([{ type: 'message.leave', ...input }]);
    chat.other({ type: 'message.left', conversationId: 'cnv_1', email: input.email });
    chat.conversation({ id: 'cnv_1', status: 'waiting', leftMessage: true });
    expect(chat.paneState()).toMatchObject({ left: { email: input.email } });
    expect(chat.paneState().leaveForm).toBeUndefined();
  });

  it('shows the form again, refused, when the server rejects it', () => {
    const chat = new Chat(host().chatHost);
    chat.conversation({ id: 'cnv_1', status: 'waiting' });
    chat.other({ type: 'leave.offer', conversationId: 'cnv_1' });
    chat.leaveMessage(input);
    chat.error({ type: 'error', code: 'VALIDATION_FAILED', message: 'bad', ref: 'message.leave' });
    expect(chat.paneState().leaveForm).toBe('refused');
  });

  it('starts the form with the name and e-mail the pre-chat form was given', async () => {
    const { chatHost } = host({
      prechatFields: [
        { name: 'name', label: 'Name', kind: 'text', required: false, mapsTo: 'name' },
        { name: 'email', label: 'Email', kind: 'email', required: false },
      ],
    });
    const chat = new Chat(chatHost);
    chat.open(false);
    chat.submitPrechat({ name: 'Zoé', email: 'zoe@example.com' });
    await Promise.resolve();
    chat.conversation({ id: 'cnv_1', status: 'waiting' });
    chat.other({ type: 'leave.offer', conversationId: 'cnv_1' });
    expect(chat.paneState().leaveDefaults).toEqual({ name: 'Zoé', email: 'zoe@example.com' });
  });

  it('drops the form once an agent answers', () => {
    const chat = new Chat(host().chatHost);
    chat.conversation({ id: 'cnv_1', status: 'waiting' });
    chat.other({ type: 'leave.offer', conversationId: 'cnv_1' });
    chat.conversation({ id: 'cnv_1', status: 'active', agentName: 'Ann' });
    expect(chat.paneState().leaveForm).toBeUndefined();
  });

  it('outside hours, the offline view carries the form; once sent, the pane shows the conversation', () => {
    const { chatHost } = host({ hours: { open: false } });
    const chat = new Chat(chatHost);
    chat.open(false);
    expect(chat.paneState()).toMatchObject({ view: 'offline', leaveForm: 'offer' });
    chat.leaveMessage(input);
    chat.conversation({ id: 'cnv_1', status: 'waiting', leftMessage: true });
    chat.other({ type: 'message.left', conversationId: 'cnv_1', email: input.email });
    expect(chat.paneState()).toMatchObject({ view: 'chat', left: { email: input.email } });
  });
});
