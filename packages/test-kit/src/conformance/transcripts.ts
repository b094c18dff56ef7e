// Over 300 lines: one table of transcripts, read top to bottom like the protocol page it follows.

import { frameLimits } from '@beckon/protocol';
import { closeCodes } from '@beckon/protocol/close-codes';
import { limits } from '@beckon/protocol/limits';
import type { Json, Step, Transcript } from './transcript.ts';

/** The golden transcripts of the realtime protocol (docs/protocol.md), in the order a runner plays them. */

const hello = (extra: Record<string, Json> = {}): Json => ({
  type: 'hello',
  page: { url: '{{origin}}/conformance', title: 'Conformance' },
  language: 'en-GB',
  timeZone: 'Europe/London',
  device: { type: 'desktop', browser: 'Chrome', os: 'Linux' },
  ...extra,
});

/** A visitor that said hello and got its welcome (visitor id kept as `{{visitorId}}`). */
const welcomed = (socket: string): Step[] => [
  { open: socket, path: 'visitor' },
  { send: socket, frame: hello() },
  {
    expect: socket,
    frame: {
      type: 'welcome',
      visitorId: '<capture:visitorId>',
      secret: '<capture:secret>',
      serverTime: '<number>',
      messages: [],
    },
  },
];

/** An invitation shown on request (`startProactiveChat`), kept as `{{invitationId}}`. */
const invited = (socket: string): Step[] => [
  { send: socket, frame: { type: 'invitation.request', message: 'Can we help?' } },
  {
    expect: socket,
    frame: {
      type: 'invitation.show',
      serverTime: '<number>',
      invitation: { id: '<capture:invitationId>', message: 'Can we help?', expiresAt: '<number>' },
    },
  },
];

/** An available agent (`a`) and a visitor (`v`) in an active conversation `{{conversationId}}`. */
const chatting: Step[] = [
  { open: 'a', path: 'agent' },
  { expect: 'a', frame: { type: 'agent.state', agent: { id: '<capture:agentId>' } } },
  { send: 'a', frame: { type: 'presence.set', status: 'available' } },
  { expect: 'a', frame: { type: 'presence', status: 'available' } },
  ...welcomed('v'),
  { send: 'v', frame: { type: 'chat.start' } },
  {
    expect: 'v',
    frame: {
      type: 'conversation.update',
      conversation: { id: '<capture:conversationId>', status: 'waiting' },
    },
  },
  {
    expect: 'a',
    frame: { type: 'offer.new', offer: { id: '<capture:offerId>', conversationId: '{{conversationId}}' } },
  },
  { send: 'a', frame: { type: 'offer.accept', offerId: '{{offerId}}' } },
  { expect: 'a', frame: { type: 'conversation.opened', conversation: { id: '{{conversationId}}' } } },
  {
    expect: 'v',
    frame: { type: 'conversation.update', conversation: { id: '{{conversationId}}', status: 'active' } },
  },
];

/** The agent ends the conversation, so its capacity is free for the next transcript. */
const ended: Step[] = [
  { send: 'a', frame: { type: 'conversation.end', conversationId: '{{conversationId}}' } },
  { expect: 'v', frame: { type: 'conversation.update', conversation: { status: 'ended' } } },
];

export const transcripts: Transcript[] = [
  {
    name: 'hello-welcome',
    about: 'hello is answered by welcome (a visitor id, the server time, the widget config); ping by pong',
    steps: [
      { open: 'v', path: 'visitor' },
      { send: 'v', frame: hello() },
      {
        expect: 'v',
        frame: {
          type: 'welcome',
          visitorId: '<capture:visitorId>',
          secret: '<capture:secret>',
          serverTime: '<number>',
          widget: { name: '<string>', title: '<string>', color: '<string>', locale: '<string>' },
          messages: [],
        },
      },
      { send: 'v', frame: { type: 'ping' } },
      { expect: 'v', frame: { type: 'pong', serverTime: '<number>' } },
      { close: 'v' },
      // A returning visitor keeps its id.
      { open: 'v2', path: 'visitor' },
      { send: 'v2', frame: hello({ visitorId: '{{visitorId}}', secret: '{{secret}}' }) },
      { expect: 'v2', frame: { type: 'welcome', visitorId: '{{visitorId}}' } },
    ],
  },
  {
    name: 'invitation-accept',
    about:
      'an invitation shown and accepted closes as accepted and opens a waiting conversation whose first message is the invitation',
    steps: [
      ...welcomed('v'),
      ...invited('v'),
      { send: 'v', frame: { type: 'invitation.accept', invitationId: '{{invitationId}}' } },
      {
        expect: 'v',
        frame: { type: 'invitation.closed', invitationId: '{{invitationId}}', reason: 'accepted' },
      },
      {
        expect: 'v',
        frame: { type: 'conversation.update', conversation: { id: '<any>', status: 'waiting' } },
      },
      {
        expect: 'v',
        frame: { type: 'message', message: { seq: 1, author: 'bot', text: '<any>' } },
      },
      { send: 'v', frame: { type: 'chat.close' } },
      { expect: 'v', frame: { type: 'conversation.update', conversation: { status: 'ended' } } },
    ],
  },
  {
    name: 'invitation-dismiss',
    about: 'an invitation shown and dismissed closes as dismissed',
    steps: [
      ...welcomed('v'),
      ...invited('v'),
      { send: 'v', frame: { type: 'invitation.dismiss', invitationId: '{{invitationId}}' } },
      {
        expect: 'v',
        frame: { type: 'invitation.closed', invitationId: '{{invitationId}}', reason: 'dismissed' },
      },
    ],
  },
  {
    name: 'invitation-expiry',
    about:
      'an invitation closes as expired 60 s after it showed, on the server clock; a late accept is refused',
    requires: ['clock'],
    steps: [
      ...welcomed('v'),
      ...invited('v'),
      { advanceClock: 60_000 },
      {
        expect: 'v',
        frame: { type: 'invitation.closed', invitationId: '{{invitationId}}', reason: 'expired' },
      },
      { send: 'v', frame: { type: 'invitation.accept', invitationId: '{{invitationId}}' } },
      { expect: 'v', frame: { type: 'error', code: 'INVITATION_EXPIRED' } },
    ],
  },
  {
    name: 'chat-retries',
    about: 'a message sent twice with one clientMsgId is stored once and acknowledged twice alike',
    steps: [
      ...chatting,
      { send: 'v', frame: { type: 'message.send', clientMsgId: 'conf-1', text: 'Hello' } },
      {
        expect: 'v',
        frame: { type: 'message.ack', clientMsgId: 'conf-1', messageId: '<capture:m1>', seq: '<capture:s1>' },
      },
      {
        expect: 'a',
        frame: {
          type: 'message',
          message: { id: '{{m1}}', seq: '{{s1}}', author: 'visitor', text: 'Hello' },
        },
      },
      // The retry: same clientMsgId, the stored message again.
      { send: 'v', frame: { type: 'message.send', clientMsgId: 'conf-1', text: 'Hello' } },
      {
        expect: 'v',
        frame: { type: 'message.ack', clientMsgId: 'conf-1', messageId: '{{m1}}', seq: '{{s1}}' },
      },
      {
        send: 'a',
        frame: {
          type: 'message.send',
          conversationId: '{{conversationId}}',
          clientMsgId: 'conf-a1',
          text: 'Hi',
        },
      },
      {
        expect: 'a',
        frame: {
          type: 'message.ack',
          clientMsgId: 'conf-a1',
          messageId: '<capture:m2>',
          seq: '<capture:s2>',
        },
      },
      {
        expect: 'v',
        frame: { type: 'message', message: { id: '{{m2}}', seq: '{{s2}}', author: 'agent', text: 'Hi' } },
      },
      // Nothing was stored after the first copy but the agent's reply: the retry is not a second message.
      {
        send: 'a',
        frame: { type: 'conversation.sync', conversationId: '{{conversationId}}', afterSeq: '{{s1}}' },
      },
      {
        expect: 'a',
        frame: {
          type: 'messages',
          conversationId: '{{conversationId}}',
          messages: [{ id: '{{m2}}', clientMsgId: 'conf-a1' }],
        },
      },
      ...ended,
    ],
  },
  {
    name: 'reconnect-from-seq',
    about:
      'a visitor reconnecting with lastSeq gets only the messages it missed; its unacknowledged message resent after the reconnect is stored once',
    steps: [
      ...chatting,
      { send: 'v', frame: { type: 'message.send', clientMsgId: 'conf-r1', text: 'one' } },
      {
        expect: 'v',
        frame: {
          type: 'message.ack',
          clientMsgId: 'conf-r1',
          messageId: '<capture:m1>',
          seq: '<capture:s1>',
        },
      },
      { expect: 'a', frame: { type: 'message', message: { id: '{{m1}}' } } },
      { close: 'v' },
      {
        send: 'a',
        frame: {
          type: 'message.send',
          conversationId: '{{conversationId}}',
          clientMsgId: 'conf-r2',
          text: 'two',
        },
      },
      {
        expect: 'a',
        frame: {
          type: 'message.ack',
          clientMsgId: 'conf-r2',
          messageId: '<capture:m2>',
          seq: '<capture:s2>',
        },
      },
      { open: 'v2', path: 'visitor' },
      { send: 'v2', frame: hello({ visitorId: '{{visitorId}}', secret: '{{secret}}', lastSeq: '{{s1}}' }) },
      {
        expect: 'v2',
        frame: {
          type: 'welcome',
          visitorId: '{{visitorId}}',
          conversation: { id: '{{conversationId}}', status: 'active' },
          messages: [{ id: '{{m2}}', seq: '{{s2}}', author: 'agent', text: 'two' }],
        },
      },
      // The ack of `one` was lost with the socket, as far as the widget knows: it resends with the same id.
      { send: 'v2', frame: { type: 'message.send', clientMsgId: 'conf-r1', text: 'one' } },
      {
        expect: 'v2',
        frame: { type: 'message.ack', clientMsgId: 'conf-r1', messageId: '{{m1}}', seq: '{{s1}}' },
      },
      {
        send: 'a',
        frame: { type: 'conversation.sync', conversationId: '{{conversationId}}', afterSeq: '{{s1}}' },
      },
      { expect: 'a', frame: { type: 'messages', messages: [{ id: '{{m2}}', seq: '{{s2}}' }] } },
      { send: 'a', frame: { type: 'conversation.end', conversationId: '{{conversationId}}' } },
      { expect: 'v2', frame: { type: 'conversation.update', conversation: { status: 'ended' } } },
    ],
  },
  {
    name: 'refused-upgrades',
    about:
      'an unknown key (404), a foreign origin (403), an agent socket from a page that is not the console (403) and an agent without a session (401) never get a socket',
    steps: [
      {
        refused: { path: 'visitor', key: 'no-such-widget-key' },
        status: 404,
        body: { error: { code: 'WIDGET_NOT_FOUND', message: '<string>' } },
      },
      {
        refused: { path: 'visitor', origin: 'https://foreign.invalid' },
        status: 403,
        body: { error: { code: 'ORIGIN_NOT_ALLOWED', message: '<string>' } },
      },
      {
        refused: { path: 'agent', origin: 'https://foreign.invalid' },
        status: 403,
        body: { error: { code: 'ORIGIN_NOT_ALLOWED', message: '<string>' } },
      },
      {
        refused: { path: 'agent', signedIn: false },
        status: 401,
        body: { error: { code: 'UNAUTHENTICATED', message: '<string>' } },
      },
    ],
  },
  {
    name: 'close-message-too-big',
    about: `a frame over ${limits.frameMaxBytes} bytes is refused with PAYLOAD_TOO_LARGE and the socket stays open; one over ${frameLimits.frameHardMaxBytes} bytes closes it with ${closeCodes.messageTooBig}`,
    steps: [
      ...welcomed('v'),
      { sendBytes: 'v', bytes: limits.frameMaxBytes + 1 },
      { expect: 'v', frame: { type: 'error', code: 'PAYLOAD_TOO_LARGE', message: '<string>' } },
      { send: 'v', frame: { type: 'ping' } },
      { expect: 'v', frame: { type: 'pong', serverTime: '<number>' } },
      { sendBytes: 'v', bytes: frameLimits.frameHardMaxBytes + 1 },
      { closed: 'v', code: closeCodes.messageTooBig },
    ],
  },
  {
    name: 'close-shutdown',
    about: `a node shutting down turns new sockets away with ${closeCodes.tryAgainLater} and closes open ones with ${closeCodes.serviceRestart} after its drain`,
    requires: ['shutdown', 'clock'],
    steps: [
      ...welcomed('v'),
      { shutdown: true },
      { open: 'late', path: 'visitor' },
      { closed: 'late', code: closeCodes.tryAgainLater },
      { send: 'v', frame: { type: 'ping' } },
      { expect: 'v', frame: { type: 'pong', serverTime: '<number>' } },
      { advanceClock: 60_000 },
      { closed: 'v', code: closeCodes.serviceRestart },
    ],
  },
];
