import type { VisitorClientFrame, WidgetPublicConfig } from '@beckon/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatHost } from '../pane-api.ts';
import { Chat } from './session.ts';

/** The offline view, the post-chat survey, typing and sneak peek. */

beforeEach(() => {
  vi.stubGlobal('window', new EventTarget());
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function host(config?: Partial<WidgetPublicConfig>) {
  const sent: VisitorClientFrame[] = [];
  const shown: boolean[] = [];
  const chatHost: ChatHost = {
    send: (frame) => {
      sent.push(frame);
      return true;
    },
    refreshAuth: async () => {},
    readContext: () => undefined,
    contextSent: () => {},
    pushContextIfChanged: () => {},
    config: () =>
      config && { name: 'w', title: 'Help', color: '#000000', locale: 'en', prechatFields: [], ...config },
    showPane: (moveFocus) => shown.push(moveFocus),
    hidePane: () => {},
    paneMinimized: () => false,
    minimize: () => {},
    render: () => {},
    agentMessage: () => {},
  };
  return { chatHost, sent, shown };
}

describe('operating hours in the chat session', () => {
  it('outside hours, opening shows the offline view and starts nothing', () => {
    const opensAt = Date.now() + 3_600_000;
    const { chatHost, sent } = host({
      hours: { open: false, nextChangeAt: opensAt, offlineMessage: 'Away' },
    });
    const chat = new Chat(chatHost);
    chat.open(false);
    expect(chat.paneState()).toMatchObject({ view: 'offline', offlineMessage: 'Away', opensAt });
    expect(sent).toEqual([]);
  });

  it('once the announced opening time has passed, opening starts a chat', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { chatHost, sent } = host({ hours: { open: false, nextChangeAt: 1_000_000 + 60_000 } });
    const chat = new Chat(chatHost);
    vi.setSystemTime(1_000_000 + 60_000);
    chat.open(false);
    await vi.waitFor(() => expect(sent.map((frame) => frame.type)).toEqual(['chat.start']));
  });

  it('a chat.start refused for the hours switches to the offline view', async () => {
    const { chatHost } = host({ hours: { open: true } });
    const chat = new Chat(chatHost);
    chat.open(false);
    await Promise.resolve();
    chat.error({ type: 'error', code: 'OUTSIDE_OPERATING_HOURS', message: 'closed', ref: 'chat.start' });
    expect(chat.paneState().view).toBe('offline');
  });
});

describe('post-chat survey and typing in the chat session', () => {
  it('asks for the survey once the chat ended, sends it once, then thanks', () => {
    const { chatHost, sent } = host();
    const chat = new Chat(chatHost);
    chat.conversation({ id: 'cnv_1', status: 'active' });
    expect(chat.paneState().survey).toBeUndefined();
    chat.submitSurvey(5, '');
    expect(sent).toEqual([]);
    chat.conversation({ id: 'cnv_1', status: 'ended' });
    expect(chat.paneState().survey).toBe('ask');
    chat.submitSurvey(4, 'Nice');
    chat.submitSurvey(1, '');
    expect(sent).toEqual([{ type: 'survey.submit', conversationId: 'cnv_1', rating: 4, comment: 'Nice' }]);
    expect(chat.paneState().survey).toBe('sent');
  });

  it('shows the agent typing until their message arrives; sends typing only in an active chat', () => {
    const { chatHost, sent } = host();
    const chat = new Chat(chatHost);
    chat.conversation({ id: 'cnv_1', status: 'waiting' });
    chat.typing(true);
    expect(sent).toEqual([]);
    chat.conversation({ id: 'cnv_1', status: 'active', agentName: 'Ada' });
    chat.typing(true);
    expect(sent).toEqual([{ type: 'typing', typing: true }]);

    chat.other({ type: 'typing', conversationId: 'cnv_other', typing: true });
    expect(chat.paneState().agentTyping).toBeUndefined();
    chat.other({ type: 'typing', conversationId: 'cnv_1', typing: true });
    expect(chat.paneState().agentTyping).toBe(true);
    chat.message({
      id: 'msg_1',
      conversationId: 'cnv_1',
      seq: 1,
      author: 'agent',
      authorName: 'Ada',
      text: 'Hello',
      createdAt: 1,
    });
    expect(chat.paneState().agentTyping).toBeUndefined();
  });
});

describe('sneak peek in the chat session', () => {
  it('is on only when the widget says so; drafts go in an active chat only, cut to the protocol length', () => {
    expect(new Chat(host().chatHost).sneakPeek).toBe(false);
    const { chatHost, sent } = host({ sneakPeek: true });
    const chat = new Chat(chatHost);
    expect(chat.sneakPeek).toBe(true);
    chat.conversation({ id: 'cnv_1', status: 'waiting' });
    chat.draft('Hello');
    expect(sent).toEqual([]);
    chat.conversation({ id: 'cnv_1', status: 'active', agentName: 'Ada' });
    chat.draft('Hello');
    chat.draft('x'.repeat(600));
    chat.draft('   ');
    expect(sent).toEqual([
      { type: 'typing', typing: true, draft: 'Hello' },
      { type: 'typing', typing: true, draft: 'x'.repeat(500) },
      { type: 'typing', typing: false },
    ]);
  });
});

describe("the agent's read mark", () => {
  it('follows message.read for this conversation only, only up, and survives status updates', () => {
    const { chatHost } = host();
    const chat = new Chat(chatHost);
    chat.conversation({ id: 'cnv_1', status: 'active', agentName: 'Ada', readSeq: 2 });
    expect(chat.paneState().conversation?.readSeq).toBe(2);
    chat.other({ type: 'message.read', conversationId: 'cnv_other', seq: 9 });
    expect(chat.paneState().conversation?.readSeq).toBe(2);
    chat.other({ type: 'message.read', conversationId: 'cnv_1', seq: 5 });
    chat.other({ type: 'message.read', conversationId: 'cnv_1', seq: 3 });
    expect(chat.paneState().conversation?.readSeq).toBe(5);
    // A status update carries no mark: the known one stays; a new conversation starts without one.
    chat.conversation({ id: 'cnv_1', status: 'ended', agentName: 'Ada' });
    expect(chat.paneState().conversation?.readSeq).toBe(5);
    chat.conversation({ id: 'cnv_2', status: 'waiting' });
    expect(chat.paneState().conversation?.readSeq).toBeUndefined();
  });
});

describe('the transcript by e-mail in the chat session', () => {
  it('offers it once the chat ended, with the pre-chat address, and settles with the server’s answer', async () => {
    const { chatHost, sent } = host({
      prechatFields: [{ name: 'email', label: 'E-mail', kind: 'email', required: true }],
    });
    const chat = new Chat(chatHost);
    chat.submitPrechat({ email: 'zoe@example.com' });
    chat.conversation({ id: 'cnv_1', status: 'active' });
    expect(chat.paneState().transcriptMail).toBeUndefined();
    chat.conversation({ id: 'cnv_1', status: 'ended' });
    expect(chat.paneState().transcriptMail).toEqual({ status: 'idle', email: 'zoe@example.com' });

    const asked = chat.emailTranscript(' zoe@example.org ', 'fr-FR');
    expect(sent.at(-1)).toEqual({
      type: 'transcript.email',
      conversationId: 'cnv_1',
      email: 'zoe@example.org',
      language: 'fr-FR',
    });
    expect(chat.paneState().transcriptMail).toMatchObject({ status: 'sending', email: 'zoe@example.org' });
    chat.other({ type: 'transcript.queued', conversationId: 'cnv_1', email: 'zoe@example.org' });
    await expect(asked).resolves.toBeUndefined();
    expect(chat.paneState().transcriptMail).toMatchObject({ status: 'sent', email: 'zoe@example.org' });

    const limited = chat.emailTranscript('zoe@example.org');
    chat.error({
      type: 'error',
      code: 'TRANSCRIPT_MAIL_LIMITED',
      message: 'Too many',
      ref: 'transcript.email',
    });
    await expect(limited).rejects.toThrow('TRANSCRIPT_MAIL_LIMITED');
    expect(chat.paneState().transcriptMail).toMatchObject({
      status: 'failed',
      error: 'TRANSCRIPT_MAIL_LIMITED',
    });
  });

  it('refuses an address that is not one, or no chat, without asking the server', async () => {
    const { chatHost, sent } = host();
    const chat = new Chat(chatHost);
    await expect(chat.emailTranscript('zoe@example.com')).rejects.toThrow('CONVERSATION_NOT_FOUND');
    chat.conversation({ id: 'cnv_1', status: 'ended' });
    await expect(chat.emailTranscript('zoe@example')).rejects.toThrow('VALIDATION_FAILED');
    await expect(chat.emailTranscript(42)).rejects.toThrow('VALIDATION_FAILED');
    expect(sent.filter((frame) => frame.type === 'transcript.email')).toEqual([]);
    expect(chat.paneState().transcriptMail).toMatchObject({ status: 'failed', error: 'VALIDATION_FAILED' });
  });
});
