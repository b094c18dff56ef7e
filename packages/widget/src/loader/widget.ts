import type {
  ChatMessage,
  InvitationView,
  VisitorClientFrame,
  VisitorConversation,
  VisitorServerFrame,
  WidgetPublicConfig,
} from '@beckon/protocol';
import { type Locale, loaderStrings, pickLocale } from '../i18n.ts';
import type { PaneState } from '../pane-api.ts';
import { AuthSource } from './auth-source.ts';
import { Connection } from './connection.ts';
import { ContextSource } from './context-source.ts';
import { emit, emitError } from './events.ts';
import { createShadowHost, type ShadowHost } from './host.ts';
import { randomId } from './ids.ts';
import { InvitationBubble } from './invitation.ts';
import { createLauncher, type Launcher } from './launcher.ts';
import { MessageLog } from './message-log.ts';
import { currentPage, visitorDevice, visitorLanguage, visitorTimeZone } from './page-info.ts';
import { PaneHost } from './pane-host.ts';
import { readStored, writeStored } from './storage.ts';

type Frame<T extends VisitorServerFrame['type']> = Extract<VisitorServerFrame, { type: T }>;
type StartFrame = Extract<VisitorClientFrame, { type: 'chat.start' | 'invitation.accept' }>;

interface Ui {
  shadow: ShadowHost;
  launcher: Launcher;
  bubble: InvitationBubble;
  pane: PaneHost;
}

/** A pre-chat form waiting for answers: for an accepted invitation, or before a `chat.start`. */
interface PendingPrechat {
  invitationId?: string;
  invitationExpired?: boolean;
  customContext?: Record<string, unknown>;
}

const invitationEvents = {
  accepted: 'beckon:invitationAccepted',
  dismissed: 'beckon:invitationDismissed',
  expired: 'beckon:invitationExpired',
} as const;

/**
 * The loader's brain: one visitor socket, the conversation state, the launcher and invitation bubble, and the
 * lazily loaded pane. Nothing is shown before `welcome`; nothing at all when the server refuses the socket.
 */
export class Widget {
  readonly context = new ContextSource();
  readonly auth = new AuthSource((token) => this.#send({ type: 'auth.token', token }));
  #connection: Connection;
  #log = new MessageLog();
  #visitorKey: string;
  #paneKey: string;
  #config: WidgetPublicConfig | undefined;
  #locale: Locale = pickLocale(undefined, navigator.language);
  #conversation: VisitorConversation | undefined;
  /** chat.start or invitation.accept sent and no conversation yet; resent if the socket drops meanwhile. */
  #starting: StartFrame | undefined;
  /** `starting` is complete (auth and context done); messages typed before then wait for it to go first. */
  #startReady = false;
  /** This visitor ended the chat, so the `ended` update is not an agent's `lcw:threadUpdate`. */
  #closing = false;
  #prechat: PendingPrechat | undefined;
  #view: PaneState['view'] = 'chat';
  #ui: Ui | undefined;
  #ready = false;
  #readyQueue: Array<() => void> = [];
  #invitationsSettled = new Set<string>();

  readonly #base: string;

  constructor(key: string, base: string) {
    this.#base = base;
    this.#visitorKey = `beckon:${key}:visitor`;
    this.#paneKey = `beckon:${key}:pane`;
    const socketUrl = `${base.replace(/^http/, 'ws')}/v1/visitor?key=${encodeURIComponent(key)}`;
    this.#connection = new Connection(socketUrl, {
      open: () => this.#sendHello(),
      frame: (frame) => this.#onFrame(frame),
      refused: () => this.#onRefused(),
      lost: () => this.#render(),
      revoked: () => this.#teardown(),
    });
  }

  start(): void {
    this.#connection.connect();
  }

  /** SDK calls made before `welcome` wait here (PRODUCT.md §2: `lcw:ready` means the SDK is usable). */
  whenReady(action: () => void): void {
    if (this.#ready) action();
    else this.#readyQueue.push(action);
  }

  // ---- page facts -------------------------------------------------------------------------------------------

  pageChanged(): void {
    if (!this.#send({ type: 'page', page: currentPage() })) return;
    this.#pushContextIfChanged();
  }

  contextProviderChanged(): void {
    if (this.#connection.isOpen) this.#pushContextIfChanged();
  }

  authProviderChanged(): void {
    if (this.#ready && this.#connection.isOpen) void this.auth.refresh();
  }

  #pushContextIfChanged(): void {
    const context = this.context.changed(this.context.read());
    if (context && this.#send({ type: 'context.update', context })) this.context.sent(context);
  }

  // ---- chat actions (launcher, pane, SDK) --------------------------------------------------------------------

  openChat(fromSdk: boolean, customContext?: Record<string, unknown>): void {
    if (this.#hasOpenChat()) {
      this.#showPane('chat', true);
      if (fromSdk) emit('lcw:startChat');
    } else if (this.#prechat || (this.#config?.prechatFields.length ?? 0) > 0) {
      this.#prechat ??= customContext ? { customContext } : {};
      this.#showPane('prechat', true);
    } else {
      void this.#startChat(undefined, customContext);
    }
  }

  #toggle(): void {
    if (this.#ui?.pane.isOpen) this.#minimize();
    else this.openChat(false);
  }

  #minimize(): void {
    if (!this.#ui?.pane.isOpen) return;
    this.#ui.pane.hide();
    writeStored('sessionStorage', this.#paneKey, 'min');
    emit('lcw:onMinimize');
    this.#render();
    this.#ui.launcher.element.focus();
  }

  /** `answers` come from the pane already trimmed, without empty ones, within the protocol's lengths. */
  #submitPrechat(prechat: Record<string, string>): void {
    const pending = this.#prechat ?? {};
    this.#prechat = undefined;
    // An invitation that expired while the form was being filled in cannot be accepted any more; the visitor
    // still asked to chat, so the answers start a chat instead.
    if (pending.invitationId && !pending.invitationExpired)
      void this.#acceptNow(pending.invitationId, prechat);
    else void this.#startChat(prechat, pending.customContext);
  }

  /** `text` comes from the pane trimmed, non-empty and within the length limit. */
  #sendMessage(text: string): void {
    const clientMsgId = randomId();
    this.#log.addPending(clientMsgId, text, Date.now());
    if (!this.#starting || this.#startReady) this.#send({ type: 'message.send', clientMsgId, text });
    this.#render();
  }

  closeChat(): void {
    if (!this.#hasOpenChat()) {
      if (this.#prechat) {
        this.#prechat = undefined;
        this.#minimize();
      }
      return;
    }
    this.#closing = true;
    this.#starting = undefined;
    this.#send({ type: 'chat.close' });
    if (this.#conversation) this.#conversation = { ...this.#conversation, status: 'ended' };
    this.#log.failPending();
    emit('lcw:closeChat');
    this.#render();
  }

  requestInvitation(message: unknown, showPrechat: unknown): void {
    const frame: Extract<VisitorClientFrame, { type: 'invitation.request' }> = { type: 'invitation.request' };
    if (typeof message === 'string' && message.trim()) frame.message = message.trim().slice(0, 500);
    if (typeof showPrechat === 'boolean') frame.showPrechat = showPrechat;
    this.#send(frame);
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
    await this.auth.refresh();
    const context = customContext ? this.context.check(customContext) : this.context.read();
    if (prechat) frame.prechat = prechat;
    if (context) frame.context = context;
    if (this.#starting !== frame || !this.#sendStart(frame)) return;
    if (!customContext) this.context.sent(context);
  }

  async #acceptNow(invitationId: string, prechat?: Record<string, string>) {
    const frame: StartFrame = { type: 'invitation.accept', invitationId };
    if (prechat) frame.prechat = prechat;
    this.#beginStart(frame);
    emit('lcw:startChat');
    await this.auth.refresh();
    this.#pushContextIfChanged();
    if (this.#starting === frame) this.#sendStart(frame);
  }

  #sendStart(frame: StartFrame): boolean {
    this.#startReady = true;
    if (!this.#send(frame)) return false;
    this.#resendUnacked();
    return true;
  }

  /** Same clientMsgId as before: the server stores each message once however often it arrives. */
  #resendUnacked(): void {
    for (const pending of this.#log.unacked()) {
      this.#send({ type: 'message.send', clientMsgId: pending.key, text: pending.text });
    }
  }

  #beginStart(frame: StartFrame): void {
    if (this.#conversation?.status === 'ended') {
      this.#conversation = undefined;
      this.#log.clear();
    }
    this.#starting = frame;
    this.#startReady = false;
    this.#closing = false;
    this.#showPane('chat', true);
  }

  #showPane(view: PaneState['view'], moveFocus: boolean): void {
    const ui = this.#ui;
    if (!ui) return;
    this.#view = view;
    const wasOpen = ui.pane.isOpen;
    ui.pane.show(moveFocus);
    writeStored('sessionStorage', this.#paneKey, 'open');
    this.#render();
    if (!wasOpen) emit('lcw:onMaximize');
  }

  // ---- invitations -----------------------------------------------------------------------------------------

  #acceptInvitation(invitationId: string): void {
    const invitation = this.#ui?.bubble.showing;
    if (!invitation || invitation.id !== invitationId) return;
    this.#ui?.bubble.hide();
    if (invitation.showPrechat && (this.#config?.prechatFields.length ?? 0) > 0) {
      this.#prechat = { invitationId };
      this.#showPane('prechat', true);
    } else {
      void this.#acceptNow(invitationId);
    }
  }

  #dismissInvitation(invitationId: string): void {
    this.#ui?.bubble.hide();
    this.#send({ type: 'invitation.dismiss', invitationId });
    this.#settleInvitation(invitationId, 'dismissed');
  }

  #showInvitation(invitation: InvitationView): void {
    const bubble = this.#ui?.bubble;
    const id = invitation.id;
    // Already showing, already over, or accepted here and waiting for its pre-chat answers.
    if (
      !bubble ||
      bubble.showing?.id === id ||
      this.#prechat?.invitationId === id ||
      this.#invitationsSettled.has(id)
    ) {
      return;
    }
    bubble.show(invitation, loaderStrings[this.#locale]);
    emit('beckon:invitationShown', {
      invitationId: invitation.id,
      message: invitation.message,
      source: invitation.source,
    });
  }

  #onInvitationClosed(frame: Frame<'invitation.closed'>): void {
    if (this.#ui?.bubble.showing?.id === frame.invitationId) this.#ui.bubble.hide();
    if (this.#prechat?.invitationId === frame.invitationId && frame.reason === 'expired') {
      this.#prechat.invitationExpired = true;
    }
    this.#settleInvitation(frame.invitationId, frame.reason);
  }

  /** Each invitation ends once, whether the visitor's click or the server's frame says so first. */
  #settleInvitation(invitationId: string, outcome: keyof typeof invitationEvents): void {
    if (this.#invitationsSettled.has(invitationId)) return;
    this.#invitationsSettled.add(invitationId);
    emit(invitationEvents[outcome], { invitationId });
  }

  // ---- frames from the server --------------------------------------------------------------------------------

  #send(frame: VisitorClientFrame): boolean {
    return this.#connection.send(frame);
  }

  #sendHello(): void {
    const hello: Extract<VisitorClientFrame, { type: 'hello' }> = {
      type: 'hello',
      page: currentPage(),
      language: visitorLanguage(),
      device: visitorDevice(),
      lastSeq: this.#log.lastSeq,
    };
    const visitorId = readStored('localStorage', this.#visitorKey);
    if (visitorId) hello.visitorId = visitorId.slice(0, 64);
    const timeZone = visitorTimeZone();
    if (timeZone) hello.timeZone = timeZone;
    const context = this.context.read();
    if (context) hello.context = context;
    this.context.sent(context);
    this.#send(hello);
  }

  #onFrame(frame: VisitorServerFrame): void {
    if (frame.type === 'welcome') this.#onWelcome(frame);
    else if (frame.type === 'invitation.show') this.#showInvitation(frame.invitation);
    else if (frame.type === 'invitation.closed') this.#onInvitationClosed(frame);
    else if (frame.type === 'conversation.update') {
      this.#applyConversation(frame.conversation, false);
      this.#render();
    } else if (frame.type === 'message') this.#onMessage(frame.message);
    else if (frame.type === 'message.ack') {
      const sent = this.#log.ack(frame.clientMsgId, frame.messageId, frame.seq);
      if (sent) emit('lcw:onMessageSent', { ...sent, id: frame.messageId, seq: frame.seq, status: 'sent' });
      this.#render();
    } else if (frame.type === 'error') this.#onError(frame);
  }

  #onWelcome(frame: Frame<'welcome'>): void {
    const firstWelcome = !this.#ready;
    writeStored('localStorage', this.#visitorKey, frame.visitorId);
    this.#config = frame.widget;
    this.#locale = pickLocale(frame.widget.locale, navigator.language);
    const ui = this.#ensureUi();
    if (typeof CSS !== 'undefined' && CSS.supports('color', frame.widget.color)) {
      ui.shadow.wrap.style.setProperty('--a', frame.widget.color);
    }
    ui.bubble.setStrings(loaderStrings[this.#locale]);

    const retrieved = firstWelcome && frame.conversation && frame.conversation.status !== 'ended';
    if (frame.conversation) {
      this.#applyConversation(frame.conversation, firstWelcome);
      for (const message of frame.messages) this.#onMessage(message, firstWelcome);
      if (frame.conversation.status !== 'ended') this.#resendUnacked();
      if (retrieved && readStored('sessionStorage', this.#paneKey) !== 'min') this.#showPane('chat', false);
    } else if (this.#starting && this.#startReady) {
      this.#sendStart(this.#starting);
    } else if (this.#conversation && this.#conversation.status !== 'ended') {
      // The conversation ended while the socket was down.
      this.#conversation = { ...this.#conversation, status: 'ended' };
      this.#log.failPending();
    }

    if (frame.invitation) this.#showInvitation(frame.invitation);
    else ui.bubble.hide();

    this.#connection.resetBackoff();
    this.#render();
    void this.auth.refresh();
    if (firstWelcome) {
      this.#ready = true;
      emit('lcw:ready');
      if (retrieved) emit('lcw:chatRetrieved', { conversationId: frame.conversation?.id });
      for (const action of this.#readyQueue.splice(0)) action();
    }
  }

  #applyConversation(conversation: VisitorConversation, restored: boolean): void {
    const previous = this.#conversation;
    const changed = previous?.id !== conversation.id || previous.status !== conversation.status;
    this.#conversation = conversation;
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

  #onMessage(message: ChatMessage, restored = false): void {
    if (!this.#log.receive(message)) return;
    if (message.author === 'agent' && !restored) emit('lcw:onMessageReceived', message);
    this.#render();
  }

  #onError(frame: Frame<'error'>): void {
    if (frame.code === 'INVITATION_SUPPRESSED') {
      console.info(`Beckon: no invitation shown: ${frame.message}`);
      return;
    }
    if (frame.ref === 'invitation.accept' && this.#starting?.type === 'invitation.accept') {
      // The invitation could not be accepted (expired, closed): there is no chat to show.
      this.#starting = undefined;
      if (!this.#conversation || this.#conversation.status === 'ended') this.#ui?.pane.hide();
    }
    if (frame.ref === 'chat.start' && this.#starting?.type === 'chat.start') this.#starting = undefined;
    if (
      frame.ref === 'message.send' &&
      (frame.code === 'NO_CHAT_OPEN' || frame.code === 'CONVERSATION_ENDED')
    ) {
      this.#log.failPending();
    }
    this.#render();
    emitError(frame.code, frame.message);
  }

  #onRefused(): void {
    this.#readyQueue = [];
    emitError(
      'CONNECTION_REFUSED',
      'Connection refused: unknown or disabled widget, origin not allowed, or server unreachable.',
    );
  }

  #teardown(): void {
    this.#ui?.shadow.host.remove();
    this.#ui = undefined;
  }

  // ---- rendering ---------------------------------------------------------------------------------------------

  #ensureUi(): Ui {
    if (this.#ui) return this.#ui;
    const shadow = createShadowHost();
    const launcher = createLauncher(() => this.#toggle());
    const bubble = new InvitationBubble({
      accept: (id) => this.#acceptInvitation(id),
      dismiss: (id) => this.#dismissInvitation(id),
    });
    const pane = new PaneHost(`${this.#base}/widget/pane.js`, shadow.paneSlot, this.#paneState(), {
      send: (text) => this.#sendMessage(text),
      submitPrechat: (answers) => this.#submitPrechat(answers),
      end: () => this.closeChat(),
      minimize: () => this.#minimize(),
      restart: () => this.openChat(false),
    });
    shadow.wrap.append(bubble.element, launcher.element);
    this.#ui = { shadow, launcher, bubble, pane };
    return this.#ui;
  }

  #paneState(): PaneState {
    const state: PaneState = {
      title: this.#config?.title ?? '',
      locale: this.#locale,
      view: this.#view,
      prechatFields: this.#config?.prechatFields ?? [],
      messages: this.#log.list(),
      connected: this.#connection.isOpen,
    };
    if (this.#conversation) state.conversation = this.#conversation;
    return state;
  }

  #render(): void {
    if (!this.#ui) return;
    this.#ui.launcher.update(loaderStrings[this.#locale], this.#ui.pane.isOpen);
    this.#ui.pane.update(this.#paneState());
  }
}
