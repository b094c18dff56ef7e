import type {
  Attachment,
  ChatMessage,
  InvitationView,
  OfflineMessages,
  PrechatField,
  VisitorClientFrame,
  VisitorConversation,
  VisitorServerFrame,
  WidgetPublicConfig,
} from '@beckon/protocol';
import type { Locale } from './i18n.ts';

/** The contract between the loader (which owns the socket) and the lazily loaded chat pane. Types only. */

export type MessageAuthor = 'visitor' | 'agent' | 'system' | 'bot';

export interface DisplayMessage {
  /** Stable render key: the clientMsgId while pending, the server id afterwards. */
  key: string;
  id?: string;
  seq?: number;
  clientMsgId?: string;
  author: MessageAuthor;
  authorName?: string;
  text: string;
  /** A file sent with the message: shown as a thumbnail or a download link instead of the text's first line. */
  attachment?: Attachment;
  status: 'pending' | 'sent' | 'failed';
  createdAt: number;
}

export interface PaneState {
  title: string;
  locale: Locale;
  /** The accepted invitation, shown as the first message above the pre-chat form until the chat starts. */
  intro?: DisplayMessage;
  /** 'prechat' shows the pre-chat form; 'chat' the conversation; 'offline' the closed-hours message. */
  view: 'prechat' | 'chat' | 'offline';
  prechatFields: readonly PrechatField[];
  conversation?: VisitorConversation;
  /** While waiting: 1 = next in the queue. */
  queuePosition?: number;
  /** While waiting, when the server can estimate it. */
  estimatedWaitSeconds?: number;
  messages: readonly DisplayMessage[];
  connected: boolean;
  /** The agent is typing in the current conversation. */
  agentTyping?: boolean;
  /** The post-chat survey of the ended conversation: to ask, or answered. */
  survey?: 'ask' | 'sent';
  /** Outside operating hours: the widget's offline message (or undefined for the default text). */
  offlineMessage?: string;
  /** Outside operating hours: the widget's offline message per language, preferred to `offlineMessage`. */
  offlineMessages?: OfflineMessages;
  /** Outside operating hours: when the widget opens again (epoch ms), if known. */
  opensAt?: number;
  /** Nobody can answer: 'offer' shows the "leave a message" form, 'refused' the same after the server said no. */
  leaveForm?: 'offer' | 'refused';
  /** What the form starts with: the name and e-mail the pre-chat form was given. */
  leaveDefaults?: { name?: string; email?: string };
  /** The visitor left a message (the address the answer goes to, when this tab sent it). */
  left?: { email?: string };
  /** The ended chat's transcript by e-mail: where this tab's request stands, and the address to start with. */
  transcriptMail?: TranscriptMailState;
}

export interface TranscriptMailState {
  /** The pre-chat form's e-mail answer, or the last address asked for. */
  email?: string;
  status: 'idle' | 'sending' | 'sent' | 'failed';
  /** Why it failed: an error code from the server, or `INVALID` for an address the widget refused. */
  error?: string;
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

/** What the chat session (lazily loaded with the pane) needs from the loader. */
export interface ChatHost {
  send(frame: VisitorClientFrame): boolean;
  /** Resolves once the page's auth token (if any) is sent or its failure reported. */
  refreshAuth(): Promise<void>;
  /** The page's context, checked: from the provider, or from `custom` when given. */
  readContext(custom?: Record<string, unknown>): Record<string, unknown> | undefined;
  contextSent(context: Record<string, unknown> | undefined): void;
  pushContextIfChanged(): void;
  config(): WidgetPublicConfig | undefined;
  showPane(moveFocus: boolean): void;
  hidePane(): void;
  /** The visitor minimised the chat in this tab: a retrieved conversation stays minimised. */
  paneMinimized(): boolean;
  minimize(): void;
  render(): void;
  /** A new (not restored) agent message arrived: counted as unread on the launcher while the pane is closed. */
  agentMessage(): void;
}

type ServerFrame<T extends VisitorServerFrame['type']> = Extract<VisitorServerFrame, { type: T }>;

/** The conversation state machine: loaded only when a chat opens or a conversation exists. */
export interface ChatSession {
  readonly lastSeq: number;
  /** Beckon's chat window was opened at `base`: give it this visitor (and the startChat's context or the
   * accepted invitation) once it asks (chat/window-handover.ts). */
  handOver(
    target: Window,
    base: string,
    customContext?: Record<string, unknown>,
    invitationId?: string,
  ): void;
  /** The view and transcript parts of the pane state. */
  paneState(): Partial<PaneState>;
  open(fromSdk: boolean, customContext?: Record<string, unknown>): void;
  close(): void;
  sendMessage(text: string): void;
  submitPrechat(answers: Record<string, string>): void;
  acceptInvitation(invitation: InvitationView): void;
  /** An invitation waiting for its pre-chat answers is not shown again; an expired one starts a chat instead. */
  holdsInvitation(invitationId: string): boolean;
  invitationExpired(invitationId: string): void;
  welcome(frame: ServerFrame<'welcome'>, first: boolean): void;
  conversation(conversation: VisitorConversation): void;
  message(message: ChatMessage): void;
  ack(frame: ServerFrame<'message.ack'>): void;
  queuePosition(frame: ServerFrame<'queue.position'>): void;
  error(frame: ServerFrame<'error'>): void;
  /** Frames the loader does not handle itself (typing, survey.saved). */
  other(frame: VisitorServerFrame): void;
  /**
   * `Beckon.emailTranscript(address)` and the pane's form: mails the current (or last) conversation's transcript.
   * Settles once the server queued it, or rejects with an Error whose message is the error code.
   */
  emailTranscript(address: unknown, language?: unknown): Promise<void>;
}

export interface PaneModule {
  mount(container: HTMLElement, api: PaneApi): void;
  /** Gives the loader's plain invitation bubble its look: who speaks (name, avatar) and a speech bubble. */
  dress(bubble: HTMLElement, invitation: InvitationView): void;
  createSession(host: ChatHost): ChatSession;
}
