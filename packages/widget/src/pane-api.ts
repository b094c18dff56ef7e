import type { PrechatField, VisitorConversation } from '@beckon/protocol';
import type { Locale } from './i18n.ts';

/** The contract between the loader (which owns the socket) and the lazily loaded chat pane. Types only. */

export type MessageAuthor = 'visitor' | 'agent' | 'system';

export interface DisplayMessage {
  /** Stable render key: the clientMsgId while pending, the server id afterwards. */
  key: string;
  id?: string;
  seq?: number;
  clientMsgId?: string;
  author: MessageAuthor;
  authorName?: string;
  text: string;
  status: 'pending' | 'sent' | 'failed';
  createdAt: number;
}

export interface PaneState {
  title: string;
  locale: Locale;
  /** 'prechat' shows the pre-chat form; 'chat' the conversation. */
  view: 'prechat' | 'chat';
  prechatFields: readonly PrechatField[];
  conversation?: VisitorConversation;
  messages: readonly DisplayMessage[];
  connected: boolean;
}

export interface PaneApi {
  getState(): PaneState;
  subscribe(listener: () => void): () => void;
  /** Trimmed, non-empty, at most `limits.messageMaxLength` characters. */
  send(text: string): void;
  /** Trimmed answers (≤ 500 characters), empty ones left out. */
  submitPrechat(answers: Record<string, string>): void;
  end(): void;
  minimize(): void;
  restart(): void;
}

export interface PaneModule {
  mount(container: HTMLElement, api: PaneApi): void;
}
