import type {
  AgentClientFrame,
  AgentServerFrame,
  CustomerMatch,
  Presence,
  WrapUpOutcome,
} from '@beckon/protocol';
import { lastSeq, unacknowledged } from '@beckon/protocol/message-ledger';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { AgentSocket, agentSocketUrl } from '../api/agent-socket.ts';
import { api } from '../api/endpoints.ts';
import { isUnauthenticated } from '../api/http.ts';
import { newClientMsgId } from './client-msg-id.ts';
import { alertFor, notify, readMuted } from './notifier.ts';
import {
  initialWorkspaceState,
  openConversations,
  type WorkspaceState,
  workspaceReducer,
} from './workspace-state.ts';

export interface WorkspaceActions {
  setPresence(status: Presence): void;
  acceptOffer(offerId: string): void;
  rejectOffer(offerId: string): void;
  select(conversationId: string): void;
  sendMessage(conversationId: string, text: string): void;
  endConversation(conversationId: string): void;
  dismissConversation(conversationId: string): void;
  customerLinked(conversationId: string, match: CustomerMatch): void;
  clearNotice(): void;
  /** The agent is (or stopped) typing in this conversation; already throttled by the caller. */
  typing(conversationId: string, typing: boolean): void;
  transfer(conversationId: string, target: TransferTarget): void;
  wrapUp(conversationId: string, outcome: WrapUpOutcome, notes: string): void;
  watch(conversationId: string): void;
  /** The agent has seen the visitor's messages up to `seq` (the conversation on screen in a visible tab). */
  markRead(conversationId: string, seq: number): void;
  /** The socket for a screen with its own feed (the live Visitors list): send a frame, hear every frame. */
  live: LiveChannel;
}

export interface LiveChannel {
  send(frame: AgentClientFrame): boolean;
  listen(listener: (frame: AgentServerFrame) => void): () => void;
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export type TransferTarget = Extract<AgentClientFrame, { type: 'conversation.transfer' }>['target'];

/**
 * Owns the agent socket for as long as someone is signed in, so offers keep arriving on every screen.
 * After each (re)connect it asks for missed messages and resends the unacknowledged ones with their ids.
 */
export function useWorkspace(onSignedOut: () => void): [WorkspaceState, WorkspaceActions] {
  const [state, dispatch] = useReducer(workspaceReducer, initialWorkspaceState);
  const stateRef = useRef(state);
  const socketRef = useRef<AgentSocket | undefined>(undefined);
  const signedOutRef = useRef(onSignedOut);
  const listenersRef = useRef(new Set<(frame: AgentServerFrame) => void>());

  useEffect(() => {
    stateRef.current = state;
    signedOutRef.current = onSignedOut;
  });

  useEffect(() => {
    const send = (frame: AgentClientFrame) => socket.send(frame);
    const catchUp = () => {
      for (const conversation of openConversations(stateRef.current)) {
        // A watch is a subscription of the old socket: ask again (the answer carries the whole transcript).
        if (conversation.watching) {
          send({ type: 'conversation.join', conversationId: conversation.detail.id });
          continue;
        }
        send({
          type: 'conversation.sync',
          conversationId: conversation.detail.id,
          afterSeq: lastSeq(conversation),
        });
        for (const pending of unacknowledged(conversation)) {
          send({
            type: 'message.send',
            conversationId: conversation.detail.id,
            clientMsgId: pending.clientMsgId,
            text: pending.text,
          });
        }
      }
    };
    const socket = new AgentSocket(agentSocketUrl(window.location), {
      frame: (frame, receivedAt) => {
        dispatch({ type: 'frame', frame, receivedAt });
        for (const listener of listenersRef.current) listener(frame);
        const alert = alertFor(frame);
        // A message in the conversation the agent is looking at needs no alert.
        const inView =
          frame.type === 'message' &&
          !document.hidden &&
          stateRef.current.selectedId === frame.message.conversationId;
        if (alert && !inView) notify(alert, readMuted(safeStorage()));
      },
      sessionEnded: () => signedOutRef.current(),
      status: (status, { attempt }) => {
        dispatch({ type: 'status', status });
        if (status === 'open') catchUp();
        // A socket that keeps failing may mean the session is gone: ask once in a while.
        if (status === 'closed' && attempt % 3 === 1) {
          api.me().catch((error: unknown) => {
            if (isUnauthenticated(error)) signedOutRef.current();
          });
        }
      },
    });
    socketRef.current = socket;
    socket.start();
    const online = () => socket.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      socket.stop();
      socketRef.current = undefined;
    };
  }, []);

  const send = useCallback((frame: AgentClientFrame) => socketRef.current?.send(frame) ?? false, []);

  const actions = useMemo<WorkspaceActions>(
    () => ({
      setPresence: (status) => {
        dispatch({ type: 'presence-requested', status });
        socketRef.current?.sendLatest({ type: 'presence.set', status });
      },
      acceptOffer: (offerId) => {
        send({ type: 'offer.accept', offerId });
      },
      rejectOffer: (offerId) => {
        send({ type: 'offer.reject', offerId });
      },
      select: (conversationId) => dispatch({ type: 'select', conversationId }),
      sendMessage: (conversationId, text) => {
        const pending = { clientMsgId: newClientMsgId(), text, createdAt: Date.now() };
        dispatch({ type: 'queue-message', conversationId, pending });
        // When the socket is down the message stays pending and goes out on reconnect, with the same id.
        send({ type: 'message.send', conversationId, clientMsgId: pending.clientMsgId, text });
      },
      endConversation: (conversationId) => {
        send({ type: 'conversation.end', conversationId });
      },
      dismissConversation: (conversationId) => dispatch({ type: 'dismiss-conversation', conversationId }),
      customerLinked: (conversationId, match) => dispatch({ type: 'customer-match', conversationId, match }),
      clearNotice: () => dispatch({ type: 'clear-notice' }),
      typing: (conversationId, typing) => {
        send({ type: 'typing', conversationId, typing });
      },
      transfer: (conversationId, target) => {
        send({ type: 'conversation.transfer', conversationId, target });
      },
      wrapUp: (conversationId, outcome, notes) => {
        send({ type: 'conversation.wrapUp', conversationId, outcome, notes });
      },
      watch: (conversationId) => {
        send({ type: 'conversation.join', conversationId });
      },
      markRead: (conversationId, seq) => {
        send({ type: 'conversation.read', conversationId, seq });
      },
      live: {
        send,
        listen: (listener) => {
          listenersRef.current.add(listener);
          return () => listenersRef.current.delete(listener);
        },
      },
    }),
    [send],
  );

  return [state, actions];
}
