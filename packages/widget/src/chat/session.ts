// Over 300 lines: the chat pane's one session state machine (connect, chat, survey, typing), lazily loaded as one chunk.
import type {
  ChatMessage,
  InvitationView,
  VisitorClientFrame,
  VisitorConversation,
  VisitorServerFrame,
} from '@beckon/protocol';
import { draftMaxLength } from '@beckon/protocol/draft-signal';
import { isEmailAddress, leftMessageLimits } from '@beckon/protocol/left-message';
import { emit } from '../loader/events.ts';
import { randomId } from '../loader/ids.ts';
import type { ChatHost, ChatSession, PaneState, TranscriptMailState } from '../pane-api.ts';
import { Transcript } from './transcript.ts';
import { WindowHandover } from './window-handover.ts';

type Frame<T extends VisitorServerFrame['type']> = Extract<VisitorServerFrame, { type: T }>;
type StartFrame = Extract<VisitorClientFrame, { type: 'chat.start' | 'invitation.accept' }>;

/** A pre-chat form waiting for answers: for an accepted invitation, or before a `chat.start`. */
interface PendingPrechat {
  invitationId?: string;
  /** Shown as the conversation's first message above the form (the server stores it once the chat starts). */
  invitation?: InvitationView;
  /** The invitation is over (expired, or dismissed by leaving the form): the answers start a plain chat. */
  invitationOver?: boolean;
  customContext?: Record<string, unknown>;
}

/**
 * The conversation state: starting a chat (with pre-chat answers, auth and context), the transcript and its
 * pending messages, and the conversation's status events. It ships in the pane chunk because nothing here is
 * needed before a chat opens; the loader queues frames and actions until it is loaded, so their order holds.
 */
export class Chat implements ChatSession {
  #log = new Transcript();
  #conversation: VisitorConversation | undefined;
  /** chat.start or invitation.accept sent and no conversation yet; resent if the socket drops meanwhile. */
  #starting: StartFrame | undefined;
  /** `starting` is complete (auth and context done); messages typed before then wait for it to go first. */
  #startReady = false;
  /** This visitor ended the chat, so the `ended` update is not an agent's `lcw:threadUpdate`. */
  #closing = false;
  #prechat: PendingPrechat | undefined;
  #view: PaneState['view'] = 'chat';
  /** The last position the server gave for the current conversation while it waits. */
  #queuePosition: number | undefined;
  #agentTyping = false;
  /** Conversations whose post-chat survey this visitor answered (in this tab). */
  #surveyed = new Set<string>();
  #estimatedWaitSeconds: number | undefined;
  /** Nobody can answer the waiting chat (or the widget is closed): the form is offered. */
  #leaveOffer: 'offer' | 'refused' | undefined;
  /** The e-mail this tab left a message with, once the server stored it. */
  #leftEmail: string | undefined;
  /** Name and e-mail from the pre-chat answers: the form starts with them. */
  #known: { name?: string; email?: string } = {};
  /** The transcript e-mail this tab asked for, and the SDK calls waiting for the server's answer. */
  #mail: TranscriptMailState = { status: 'idle' };
  #mailWaiting: { resolve(): void; reject(error: Error): void }[] = [];

  readonly #host: ChatHost;
  readonly #handover: WindowHandover;

  constructor(host: ChatHost) {
    this.#host = host;
    this.#handover = new WindowHandover((frame) => host.send(frame));
  }

  handOver(
    target: Window,
    base: string,
    customContext?: Record<string, unknown>,
    invitationId?: string,
  ): void {
    this.#handover.opened(target, base, { customContext, invitationId });
  }

  get lastSeq(): number {
    return this.#log.lastSeq;
  }

  paneState(): Partial<PaneState> {
    const conversation = this.#conversation;
    const state: Partial<PaneState> = { view: this.#view, messages: this.#log.list() };
    const invitation = this.#prechat?.invitation;
    if (this.#view === 'prechat' && invitation) {
      state.intro = {
        key: invitation.id,
        author: 'bot',
        authorName: invitation.author?.name,
        text: invitation.message,
        status: 'sent',
        createdAt: Date.now(),
      };
    }
    if (conversation) state.conversation = conversation;
    if (this.#queuePosition !== undefined && conversation?.status === 'waiting') {
      state.queuePosition = this.#queuePosition;
      if (this.#estimatedWaitSeconds !== undefined) state.estimatedWaitSeconds = this.#estimatedWaitSeconds;
    }
    if (this.#agentTyping && conversation?.status === 'active') state.agentTyping = true;
    if (conversation?.status === 'ended') {
      state.survey = this.#surveyed.has(conversation.id) ? 'sent' : 'ask';
      state.transcriptMail = { ...this.#mail, email: this.#mail.email ?? this.#known.email };
    }
    if (conversation?.leftMessage && conversation.status === 'waiting') {
      state.left = this.#leftEmail ? { email: this.#leftEmail } : {};
    } else if (this.#leaveOffer && (this.#view === 'offline' || conversation?.status === 'waiting')) {
      state.leaveForm = this.#leaveOffer;
      state.leaveDefaults = this.#known;
    }
    const hours = this.#host.config()?.hours;
    if (this.#view === 'offline' && hours) {
      state.offlineMessage = hours.offlineMessage;
      if (hours.offlineMessages) state.offlineMessages = hours.offlineMessages;
      state.opensAt = hours.nextChangeAt;
    }
    return state;
  }

  /** Outside operating hours (by the `welcome`'s schedule, until its next change comes). */
  #closed(): boolean {
    const hours = this.#host.config()?.hours;
    return !!hours && !hours.open && !(hours.nextChangeAt && Date.now() >= hours.nextChangeAt);
  }

  /** The post-chat survey of the ended conversation; answered once. */
  submitSurvey(rating: number, comment: string): void {
    const conversation = this.#conversation;
    if (conversation?.status !== 'ended' || this.#surveyed.has(conversation.id)) return;
    const frame: Extract<VisitorClientFrame, { type: 'survey.submit' }> = {
      type: 'survey.submit',
      conversationId: conversation.id,
      rating,
    };
    if (comment) frame.comment = comment;
    if (!this.#host.send(frame)) return;
    this.#surveyed.add(conversation.id);
    this.#host.render();
  }

  /** The transcript of the current (or just ended) conversation by e-mail; the server checks it all again. */
  emailTranscript(address: unknown, language?: unknown): Promise<void> {
    const conversation = this.#conversation;
    const email = typeof address === 'string' ? address.trim() : '';
    const refuse = (code: string) => {
      this.#mail = { status: 'failed', email, error: code };
      this.#host.render();
      return Promise.reject(new Error(code));
    };
    if (!conversation) return refuse('CONVERSATION_NOT_FOUND');
    if (!isEmailAddress(email) || email.length > leftMessageLimits.emailMaxLength) {
      return refuse('VALIDATION_FAILED');
    }
    const frame: Extract<VisitorClientFrame, { type: 'transcript.email' }> = {
      type: 'transcript.email',
      conversationId: conversation.id,
      email,
    };
    if (typeof language === 'string' && language.length >= 2 && language.length <= 35)
      frame.language = language;
    if (!this.#host.send(frame)) return refuse('WIDGET_OFFLINE');
    this.#mail = { status: 'sending', email };
    this.#host.render();
    return new Promise((resolve, reject) => this.#mailWaiting.push({ resolve, reject }));
  }

  #mailAnswered(error?: string): void {
    this.#mail = { ...this.#mail, status: error ? 'failed' : 'sent', error };
    for (const waiting of this.#mailWaiting.splice(0)) {
      if (error) waiting.reject(new Error(error));
      else waiting.resolve();
    }
    this.#host.render();
  }

  /** The "leave a message" form, already checked against the protocol's rules. */
  leaveMessage(input: { name: string; email: string; text: string }): void {
    if (!this.#host.send({ type: 'message.leave', ...input })) return;
    this.#leaveOffer = 'offer';
    this.#leftEmail = input.email;
  }

  /** The visitor is (or stopped) typing: throttled by the composer; only an active chat cares. */
  typing(typing: boolean): void {
    if (this.#conversation?.status === 'active') this.#host.send({ type: 'typing', typing });
  }

  /** The widget has sneak peek on: agents see drafts, and the pane says so. */
  get sneakPeek(): boolean {
    return this.#host.config()?.sneakPeek === true;
  }

  /** Sneak peek: the text typed so far (throttled by the composer); an empty field means typing stopped. */
  draft(text: string): void {
    if (this.#conversation?.status !== 'active') return;
    const draft = text.slice(0, draftMaxLength);
    this.#host.send(
      draft.trim() ? { type: 'typing', typing: true, draft } : { type: 'typing', typing: false },
    );
  }

  other(frame: VisitorServerFrame): void {
    const conversation = this.#conversation;
    if (frame.type === 'handover') this.#handover.received(frame.token);
    if (
      frame.type === 'leave.offer' &&
      (!frame.conversationId || frame.conversationId === conversation?.id)
    ) {
      this.#leaveOffer = 'offer';
      this.#host.render();
    }
    if (frame.type === 'message.left') {
      this.#leaveOffer = undefined;
      this.#leftEmail = frame.email;
      // Outside hours the message opened a conversation: the pane shows it, saying the answer comes by e-mail.
      if (this.#view === 'offline') this.#view = 'chat';
      this.#host.render();
    }
    if (frame.type === 'transcript.queued') this.#mailAnswered();
    if (frame.type === 'typing' && frame.conversationId === conversation?.id) {
      this.#agentTyping = frame.typing;
      this.#host.render();
    }
    if (frame.type === 'message.read' && frame.conversationId === conversation?.id) {
      this.#conversation = { ...conversation, readSeq: Math.max(frame.seq, conversation.readSeq ?? 0) };
      this.#host.render();
    }
  }

  // ---- actions (launcher, pane, SDK) -------------------------------------------------------------------------

  open(fromSdk: boolean, customContext?: Record<string, unknown>): void {
    if (this.#hasOpenChat()) {
      this.#showPane('chat', true);
      if (fromSdk) emit('lcw:startChat');
    } else if (this.#closed()) {
      this.#leaveOffer ??= 'offer';
      this.#showPane('offline', true);
    } else if (this.#prechat || this.#hasPrechatFields()) {
      this.#prechat ??= customContext ? { customContext } : {};
      this.#showPane('prechat', true);
    } else {
      void this.#startChat(undefined, customContext);
    }
  }

  close(): void {
    if (!this.#hasOpenChat()) {
      if (this.#prechat) {
        const { invitationId, invitationOver } = this.#prechat;
        this.#prechat = undefined;
        // Closing the pre-chat form of an invitation is the visitor's "no": the funnel counts it dismissed, once,
        // rather than leaving it to expire (and the rule does not invite again this visit).
        if (invitationId && !invitationOver) this.#host.send({ type: 'invitation.dismiss', invitationId });
        this.#host.minimize();
      }
      return;
    }
    this.#closing = true;
    this.#starting = undefined;
    this.#host.send({ type: 'chat.close' });
    if (this.#conversation) this.#conversation = { ...this.#conversation, status: 'ended' };
    this.#log.failPending();
    emit('lcw:closeChat');
    this.#host.render();
  }

  /** `text` comes from the pane trimmed, non-empty and within the length limit. */
  sendMessage(text: string): void {
    const clientMsgId = randomId();
    this.#log.addPending(clientMsgId, text, Date.now());
    if (!this.#starting || this.#startReady) this.#host.send({ type: 'message.send', clientMsgId, text });
    this.#host.render();
  }

  /** `answers` come from the pane already trimmed, without empty ones, within the protocol's lengths. */
  submitPrechat(prechat: Record<string, string>): void {
    for (const field of this.#host.config()?.prechatFields ?? []) {
      const answer = prechat[field.name];
      if (!answer) continue;
      if (field.mapsTo === 'name' || field.name === 'name') this.#known.name = answer;
      if (field.kind === 'email' || field.mapsTo === 'email') this.#known.email = answer;
    }
    const pending = this.#prechat ?? {};
    this.#prechat = undefined;
    // An invitation that expired while the form was being filled in cannot be accepted any more; the visitor
    // still asked to chat, so the answers start a chat instead.
    if (pending.invitationId && !pending.invitationOver) void this.#acceptNow(pending.invitationId, prechat);
    else void this.#startChat(prechat, pending.customContext);
  }

  acceptInvitation(invitation: InvitationView): void {
    if (invitation.showPrechat && this.#hasPrechatFields()) {
      this.#prechat = { invitationId: invitation.id, invitation };
      this.#showPane('prechat', true);
    } else {
      void this.#acceptNow(invitation.id);
    }
  }

  /**
   * The visitor put the pre-chat form of an invitation away: their "no" to the invitation, counted once as
   * dismissed rather than left to expire. The form keeps its place; answers given later start a plain chat.
   */
  leavePrechat(): void {
    const pending = this.#prechat;
    if (!pending?.invitationId || pending.invitationOver) return;
    pending.invitationOver = true;
    this.#host.send({ type: 'invitation.dismiss', invitationId: pending.invitationId });
  }

  holdsInvitation(invitationId: string): boolean {
    return this.#prechat?.invitationId === invitationId;
  }

  invitationExpired(invitationId: string): void {
    if (this.#prechat?.invitationId === invitationId) this.#prechat.invitationOver = true;
  }

  #hasPrechatFields(): boolean {
    return (this.#host.config()?.prechatFields.length ?? 0) > 0;
  }

  #hasOpenChat(): boolean {
    return (
      this.#starting !== undefined ||
      (this.#conversation !== undefined && this.#conversation.status !== 'ended')
    );
  }

  async #startChat(prechat?: Record<string, string>, customContext?: Record<string, unknown>) {
    const frame: StartFrame = { type: 'chat.start' };
    this.#beginStart(frame);
    emit('lcw:startChat');
    await this.#host.refreshAuth();
    const context = this.#host.readContext(customContext);
    if (prechat) frame.prechat = prechat;
    if (context) frame.context = context;
    if (this.#starting !== frame || !this.#sendStart(frame)) return;
    if (!customContext) this.#host.contextSent(context);
  }

  async #acceptNow(invitationId: string, prechat?: Record<string, string>) {
    const frame: StartFrame = { type: 'invitation.accept', invitationId };
    if (prechat) frame.prechat = prechat;
    this.#beginStart(frame);
    emit('lcw:startChat');
    await this.#host.refreshAuth();
    this.#host.pushContextIfChanged();
    if (this.#starting === frame) this.#sendStart(frame);
  }

  #sendStart(frame: StartFrame): boolean {
    this.#startReady = true;
    if (!this.#host.send(frame)) return false;
    this.#resendUnacked();
    return true;
  }

  /** Same clientMsgId as before: the server stores each message once however often it arrives. */
  #resendUnacked(): void {
    for (const pending of this.#log.unacked()) {
      this.#host.send({ type: 'message.send', clientMsgId: pending.clientMsgId, text: pending.text });
    }
  }

  #beginStart(frame: StartFrame): void {
    if (this.#conversation?.status === 'ended') {
      this.#conversation = undefined;
      this.#log.clear();
      this.#mail = { status: 'idle' };
    }
    this.#starting = frame;
    this.#startReady = false;
    this.#closing = false;
    this.#showPane('chat', true);
  }

  #showPane(view: PaneState['view'], moveFocus: boolean): void {
    this.#view = view;
    this.#host.showPane(moveFocus);
  }

  // ---- frames from the server --------------------------------------------------------------------------------

  welcome(frame: Frame<'welcome'>, first: boolean): void {
    const retrieved = first && frame.conversation && frame.conversation.status !== 'ended';
    if (frame.conversation) {
      this.#apply(frame.conversation, first);
      for (const message of frame.messages) this.#receive(message, first);
      if (frame.conversation.status !== 'ended') this.#resendUnacked();
      if (retrieved && !this.#host.paneMinimized()) this.#showPane('chat', false);
    } else if (this.#starting && this.#startReady) {
      this.#sendStart(this.#starting);
    } else if (this.#conversation && this.#conversation.status !== 'ended') {
      // The conversation ended while the socket was down.
      this.#conversation = { ...this.#conversation, status: 'ended' };
      this.#log.failPending();
    }
    this.#host.render();
    if (retrieved) emit('lcw:chatRetrieved', { conversationId: frame.conversation?.id });
  }

  conversation(conversation: VisitorConversation): void {
    this.#apply(conversation, false);
    this.#host.render();
  }

  message(message: ChatMessage): void {
    this.#receive(message, false);
    if (message.author === 'agent') this.#receipt(message);
  }

  /** Tells the agent the message arrived, and was shown if the pane is open in a visible tab. */
  #receipt(message: ChatMessage): void {
    const shown =
      !this.#host.paneMinimized() &&
      typeof document !== 'undefined' &&
      document.visibilityState === 'visible';
    this.#host.send({
      type: 'message.receipt',
      conversationId: message.conversationId,
      seq: message.seq,
      status: shown ? 'read' : 'delivered',
    });
  }

  ack(frame: Frame<'message.ack'>): void {
    const sent = this.#log.ack(frame.clientMsgId, frame.messageId, frame.seq);
    if (sent) emit('lcw:onMessageSent', { key: sent.clientMsgId, ...sent, status: 'sent' });
    this.#host.render();
  }

  queuePosition(frame: Frame<'queue.position'>): void {
    // A position for an older conversation (a frame in flight while a new chat started) is not ours.
    if (frame.conversationId !== this.#conversation?.id) return;
    this.#queuePosition = frame.position;
    this.#estimatedWaitSeconds = frame.estimatedWaitSeconds;
    this.#host.render();
  }

  error(frame: Frame<'error'>): void {
    if (frame.ref === 'invitation.accept' && this.#starting?.type === 'invitation.accept') {
      // The invitation could not be accepted (expired, closed): there is no chat to show.
      this.#starting = undefined;
      if (!this.#conversation || this.#conversation.status === 'ended') this.#host.hidePane();
    }
    if (frame.ref === 'chat.start' && this.#starting?.type === 'chat.start') {
      this.#starting = undefined;
      // The schedule changed since `welcome`: the server is the authority on the hours.
      if (frame.code === 'OUTSIDE_OPERATING_HOURS') {
        this.#view = 'offline';
        this.#leaveOffer ??= 'offer';
      }
    }
    if (frame.ref === 'transcript.email') this.#mailAnswered(frame.code);
    if (frame.ref === 'message.leave') {
      this.#leaveOffer = 'refused';
      this.#leftEmail = undefined;
    }
    if (
      frame.ref === 'message.send' &&
      (frame.code === 'NO_CHAT_OPEN' || frame.code === 'CONVERSATION_ENDED')
    ) {
      this.#log.failPending();
    }
    this.#host.render();
  }

  #apply(conversation: VisitorConversation, restored: boolean): void {
    const previous = this.#conversation;
    const changed = previous?.id !== conversation.id || previous.status !== conversation.status;
    if (changed) {
      this.#queuePosition = undefined;
      this.#agentTyping = false;
      // Someone answers now (or it is over): the form is no longer offered.
      if (conversation.status !== 'waiting' || previous?.id !== conversation.id) this.#leaveOffer = undefined;
    }
    // Updates carry no read mark: the one already known for this conversation stays.
    const readSeq = previous?.id === conversation.id ? previous.readSeq : undefined;
    this.#conversation = readSeq && !conversation.readSeq ? { ...conversation, readSeq } : conversation;
    this.#starting = undefined;
    this.#log.setConversation(conversation.id);
    if (!changed || restored) return;
    const detail = { conversationId: conversation.id, status: conversation.status };
    if (conversation.status === 'waiting') emit('lcw:chatQueued', detail);
    if (conversation.status === 'ended') {
      this.#log.failPending();
      if (!this.#closing) emit('lcw:threadUpdate', detail);
      this.#closing = false;
    }
  }

  #receive(message: ChatMessage, restored: boolean): void {
    if (!this.#log.receive(message)) return;
    // The agent's message is what they were typing.
    if (message.author === 'agent') this.#agentTyping = false;
    if (message.author === 'agent' && !restored) {
      emit('lcw:onMessageReceived', message);
      this.#host.agentMessage();
    }
    this.#host.render();
  }
}
