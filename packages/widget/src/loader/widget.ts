// Over 300 lines: the loader is one bundle under a byte budget, and splitting this state machine across modules costs bytes.
import type {
  AgentAvailability,
  InvitationView,
  VisitorClientFrame,
  VisitorServerFrame,
  WidgetPublicConfig,
} from '@beckon/protocol';
import { protocolVersion } from '@beckon/protocol/protocol-version';
import { type Locale, loaderStrings, pickLocale } from '../i18n.ts';
import type { ChatHost, ChatSession, PaneModule, PaneState } from '../pane-api.ts';
import { AuthSource } from './auth-source.ts';
import { Connection } from './connection.ts';
import { ContextSource } from './context-source.ts';
import { emit, emitError } from './events.ts';
import { createShadowHost, type ShadowHost } from './host.ts';
import { InvitationBubble } from './invitation.ts';
import { createLauncher, type Launcher } from './launcher.ts';
import { currentPage, visitorDevice, visitorLanguage, visitorTimeZone } from './page-info.ts';
import { PaneHost } from './pane-host.ts';
import { previewToken } from './preview.ts';
import { readStored, writeStored } from './storage.ts';

type Frame<T extends VisitorServerFrame['type']> = Extract<VisitorServerFrame, { type: T }>;

interface Ui {
  shadow: ShadowHost;
  launcher: Launcher;
  bubble: InvitationBubble;
  pane: PaneHost;
}

/** Set by Beckon's chat window (window/main.ts) before it loads this script: the opener's handover. */
const handover = (window as { beckonHandover?: { token: string; origin: string } }).beckonHandover;

/** `beckon:invitationAccepted`, `…Dismissed`, `…Expired`, `…Withdrawn`: built, the loader's budget is tight. */
const invitationEvent = (reason: string) => `beckon:invitation${reason[0]?.toUpperCase()}${reason.slice(1)}`;

/**
 * The loader's brain: one visitor socket, page facts, the launcher and invitation bubble. The conversation
 * itself (`ChatSession`) ships in the lazily loaded pane chunk: it is fetched when a chat opens or the server
 * says a conversation exists, and every chat frame or action waits in order until it is there. Nothing is shown
 * before `welcome`; nothing at all when the server refuses the socket.
 */
export class Widget {
  readonly context = new ContextSource();
  readonly auth = new AuthSource((token) => this.#send({ type: 'auth.token', token }));
  #connection: Connection;
  #visitorKey: string;
  #paneKey: string;
  #consentKey: string;
  /** The page called `Beckon.consent(true)` (now or on an earlier page of this site). */
  #consented: boolean;
  /** `id.secret`, as kept in storage: the public id and the secret that proves it (issued in a welcome). */
  #visitorId = '';
  /** `getAgentAvailability()` calls waiting for the server's `availability` frame. */
  #availability: Array<(value: AgentAvailability) => void> = [];
  #config: WidgetPublicConfig | undefined;
  #locale: Locale = pickLocale(undefined, navigator.language);
  #ui: Ui | undefined;
  #ready = false;
  #readyQueue: Array<() => void> = [];
  #invitationsSettled = new Set<string>();
  /**
   * `startProactiveChat(…, { inNewWindow: true })`: `true` until the next page invitation shows, then its id:
   * accepting that one opens Beckon's window.
   */
  #popId: string | boolean = false;
  /** Agent messages received while the pane was closed; cleared when it opens. */
  #unread = 0;
  #module: Promise<PaneModule> | undefined;
  #chat: ChatSession | undefined;
  /** Chat work that arrived while the pane chunk was downloading, run in arrival order once it is there. */
  #chatQueue: Array<(chat: ChatSession) => void> | undefined;

  readonly #base: string;
  readonly #key: string;

  constructor(key: string, base: string) {
    this.#base = base;
    this.#key = encodeURIComponent(key);
    this.#visitorKey = `beckon:${key}:visitor`;
    this.#paneKey = `beckon:${key}:pane`;
    this.#consentKey = `beckon:${key}:consent`;
    this.#consented = readStored('localStorage', this.#consentKey) === '1';
    // Beckon's own chat window (startChat inNewWindow) says so: the server accepts its origin only then, and
    // only with the handover in its hello.
    const socketUrl = `${base.replace(/^http/, 'ws')}/v1/visitor?key=${this.#key}${handover ? '&window=1' : ''}`;
    this.#connection = new Connection(socketUrl, {
      open: () => this.#sendHello(),
      frame: (frame) => this.#onFrame(frame),
      refused: () => this.#onRefused(),
      lost: () => this.#render(),
      // 4000 (not allowed here) or 4004 (erased: the stored id names nobody now, so a later page starts afresh).
      revoked: () => this.#teardown(),
    });
  }

  start(): void {
    this.#connection.connect();
  }

  /** SDK calls made before `welcome` wait here (`lcw:ready` means the SDK is usable). */
  whenReady(action: () => void): void {
    if (this.#ready) action();
    else this.#readyQueue.push(action);
  }

  // ---- page facts -------------------------------------------------------------------------------------------

  pageChanged(): void {
    if (!this.#tracks() || !this.#send({ type: 'page', page: currentPage() })) return;
    this.#pushContextIfChanged();
  }

  /** Journey tracking is on: the widget is not in consent mode, or the page gave consent. */
  #tracks(): boolean {
    return this.#consented || !this.#config?.consentRequired;
  }

  track(name: string, props: unknown): void {
    if (this.#tracks()) this.#send({ type: 'track', name, props: props as Record<string, string> });
  }

  consent(granted: boolean): void {
    this.#consented = granted;
    writeStored('localStorage', this.#consentKey, granted ? '1' : '0');
    // Withdrawn: the id is forgotten (an empty value reads as none).
    if (!granted) writeStored('localStorage', this.#visitorKey, '');
    this.#rememberVisitor();
    this.#send({ type: 'consent', granted });
    // The context held back until now goes too: rules may use it from the moment of consent.
    this.#pushContextIfChanged();
  }

  availability(resolve: (value: AgentAvailability) => void, reject: (error: Error) => void): void {
    if (this.#send({ type: 'availability.request' })) this.#availability.push(resolve);
    else reject(new Error('Beckon: not connected'));
  }

  /** The visitor id is kept across pages only with tracking allowed, or for this tab while a chat is open. */
  #rememberVisitor(): void {
    if (!this.#visitorId) return;
    if (this.#tracks()) writeStored('localStorage', this.#visitorKey, this.#visitorId);
    else if (this.#chat) writeStored('sessionStorage', this.#visitorKey, this.#visitorId);
  }

  /** A browser signal (loader signals.ts) for the rules; dropped while disconnected. */
  signal(kind: 'exit' | 'scroll' | 'active', value?: number): void {
    if (!this.#tracks()) return;
    this.#send(value === undefined ? { type: 'signal', kind } : { type: 'signal', kind, value });
  }

  contextProviderChanged(): void {
    if (this.#connection.isOpen) this.#pushContextIfChanged();
  }

  authProviderChanged(): void {
    if (this.#ready && this.#connection.isOpen) void this.auth.refresh();
  }

  #pushContextIfChanged(): void {
    if (!this.#tracks()) return;
    const context = this.context.changed(this.context.read());
    if (context && this.#send({ type: 'context.update', context })) this.context.sent(context);
  }

  // ---- the lazily loaded chat --------------------------------------------------------------------------------

  /** Runs `action` on the chat session, downloading the pane chunk first if needed. */
  #withChat(action: (chat: ChatSession) => void): void {
    if (this.#chat) action(this.#chat);
    else if (this.#chatQueue) this.#chatQueue.push(action);
    else {
      this.#chatQueue = [action];
      this.#loadModule().then(
        (module) => {
          const chat = module.createSession(this.#chatHost());
          this.#chat = chat;
          this.#rememberVisitor();
          for (const queued of this.#chatQueue?.splice(0) ?? []) queued(chat);
          this.#chatQueue = undefined;
        },
        () => {
          // Offline or blocked: the next chat action tries again.
          this.#chatQueue = undefined;
        },
      );
    }
  }

  /** An SDK call answered by the chat session: after `welcome`, with the pane chunk loaded. */
  inChat(call: (chat: ChatSession) => Promise<void>): Promise<void> {
    // Resolved with the session's promise, so its rejection is the caller's.
    return new Promise((resolve) => this.whenReady(() => this.#withChat((chat) => resolve(call(chat)))));
  }

  /** Runs `action` only if a chat session exists or is on its way: without one there is no chat to act on. */
  #ifChat(action: (chat: ChatSession) => void): void {
    if (this.#chat || this.#chatQueue) this.#withChat(action);
  }

  #loadModule(): Promise<PaneModule> {
    this.#module ??= (import(`${this.#base}/widget/pane.js`) as Promise<PaneModule>).catch(
      (error: unknown) => {
        this.#module = undefined;
        console.error('Beckon: the chat pane could not be loaded', error);
        throw error;
      },
    );
    return this.#module;
  }

  #chatHost(): ChatHost {
    return {
      send: (frame) => this.#send(frame),
      refreshAuth: () => this.auth.refresh(),
      readContext: (custom) => (custom ? this.context.check(custom) : this.context.read()),
      contextSent: (context) => this.context.sent(context),
      pushContextIfChanged: () => this.#pushContextIfChanged(),
      config: () => this.#config,
      showPane: (moveFocus) => this.#showPane(moveFocus),
      hidePane: () => this.#ui?.pane.hide(),
      paneMinimized: () => readStored('sessionStorage', this.#paneKey) === 'min',
      minimize: () => this.#minimize(),
      render: () => this.#render(),
      agentMessage: () => {
        if (!this.#ui?.pane.isOpen) this.#unread++;
      },
    };
  }

  // ---- chat actions (launcher, pane, SDK) --------------------------------------------------------------------

  openChat(fromSdk: boolean, customContext?: Record<string, unknown>): void {
    this.#withChat((chat) => chat.open(fromSdk, customContext));
  }

  /**
   * `startChat({ inNewWindow })`: the chat in Beckon's own window, same visitor, with the call's customContext;
   * false if a popup blocker said no.
   */
  popOut(customContext?: Record<string, unknown>, invitationId?: string): boolean {
    const opened = window.open(
      `${this.#base}/widget/chat-window.html?key=${this.#key}`,
      'beckon-chat',
      'popup,width=420,height=640',
    );
    // The window becomes this visitor only through a handover this socket asks for (chat/window-handover.ts).
    if (opened) this.#withChat((chat) => chat.handOver(opened, this.#base, customContext, invitationId));
    return !!opened;
  }

  closeChat(): void {
    this.#ifChat((chat) => chat.close());
  }

  requestInvitation(message: unknown, showPrechat: unknown, inNewWindow = false): void {
    this.#popId = inNewWindow;
    const frame: Extract<VisitorClientFrame, { type: 'invitation.request' }> = { type: 'invitation.request' };
    if (typeof message === 'string' && message.trim()) frame.message = message.trim().slice(0, 500);
    if (typeof showPrechat === 'boolean') frame.showPrechat = showPrechat;
    this.#send(frame);
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

  #showPane(moveFocus: boolean): void {
    const ui = this.#ui;
    if (!ui) return;
    const wasOpen = ui.pane.isOpen;
    this.#unread = 0;
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
    // Accepted in Beckon's window, as the same visitor; a blocked popup falls back to the chat in the page.
    if (invitationId === this.#popId && this.popOut(undefined, invitationId)) return;
    this.#withChat((chat) => chat.acceptInvitation(invitation));
  }

  /** Hides the bubble; if it held the focus, the launcher gets it back rather than the page's top. */
  #hideInvitation(): void {
    if (this.#ui?.bubble.hide()) this.#ui.launcher.element.focus();
  }

  #dismissInvitation(invitationId: string): void {
    this.#hideInvitation();
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
      this.#chat?.holdsInvitation(id) ||
      this.#invitationsSettled.has(id)
    ) {
      return;
    }
    if (invitation.source === 'page' && this.#popId === true) this.#popId = id;
    bubble.show(invitation, loaderStrings[this.#locale]);
    // Its look (who speaks, avatar, a speech bubble) comes with the pane chunk, which accepting needs anyway.
    this.#loadModule().then((module) => module.dress(bubble.element, invitation), String);
    emit('beckon:invitationShown', {
      invitationId: invitation.id,
      message: invitation.message,
      source: invitation.source,
    });
    // In Beckon's chat window: the invitation the opener's visitor accepted is accepted here as it shows.
    if (id === (window as { beckonAcceptInvitation?: string }).beckonAcceptInvitation)
      this.#acceptInvitation(id);
  }

  #onInvitationClosed(frame: Frame<'invitation.closed'>): void {
    if (this.#ui?.bubble.showing?.id === frame.invitationId) this.#hideInvitation();
    if (frame.reason === 'expired') this.#ifChat((chat) => chat.invitationExpired(frame.invitationId));
    this.#settleInvitation(frame.invitationId, frame.reason);
  }

  /** Each invitation ends once, whether the visitor's click or the server's frame says so first. */
  #settleInvitation(invitationId: string, outcome: 'accepted' | 'dismissed' | 'expired' | 'withdrawn'): void {
    if (this.#invitationsSettled.has(invitationId)) return;
    this.#invitationsSettled.add(invitationId);
    emit(invitationEvent(outcome), { invitationId });
  }

  // ---- frames from the server --------------------------------------------------------------------------------

  #send(frame: VisitorClientFrame): boolean {
    return this.#connection.send(frame);
  }

  #sendHello(): void {
    const hello: Extract<VisitorClientFrame, { type: 'hello' }> = {
      type: 'hello',
      protocolVersion,
      page: currentPage(),
      language: visitorLanguage(),
      device: visitorDevice(),
      lastSeq: this.#chat?.lastSeq ?? 0,
    };
    const [visitorId, secret] = (
      readStored('localStorage', this.#visitorKey) ||
      readStored('sessionStorage', this.#visitorKey) ||
      ''
    ).split('.');
    if (visitorId) hello.visitorId = visitorId.slice(0, 64);
    if (secret) hello.secret = secret;
    hello.handover = handover;
    if (this.#consented) hello.consent = true;
    const timeZone = visitorTimeZone();
    if (timeZone) hello.timeZone = timeZone;
    const preview = previewToken();
    if (preview) hello.preview = preview;
    const context = this.context.read();
    if (context) hello.context = context;
    this.context.sent(context);
    this.#send(hello);
  }

  #onFrame(frame: VisitorServerFrame): void {
    if (frame.type === 'welcome') this.#onWelcome(frame);
    else if (frame.type === 'invitation.show') this.#showInvitation(frame.invitation);
    else if (frame.type === 'invitation.closed') this.#onInvitationClosed(frame);
    else if (frame.type === 'conversation.update')
      this.#withChat((chat) => chat.conversation(frame.conversation));
    else if (frame.type === 'message') this.#withChat((chat) => chat.message(frame.message));
    else if (frame.type === 'message.ack') this.#ifChat((chat) => chat.ack(frame));
    else if (frame.type === 'queue.position') this.#ifChat((chat) => chat.queuePosition(frame));
    else if (frame.type === 'error') this.#onError(frame);
    else if (frame.type === 'availability') {
      const { type: _type, ...availability } = frame;
      for (const resolve of this.#availability.splice(0)) resolve(availability);
    } else this.#ifChat((chat) => chat.other(frame));
  }

  #onWelcome(frame: Frame<'welcome'>): void {
    const first = !this.#ready;
    this.#config = frame.widget;
    // A new visitor's welcome carries its secret; a resumed one keeps what the hello sent.
    if (frame.secret) this.#visitorId = `${frame.visitorId}.${frame.secret}`;
    this.#rememberVisitor();
    this.#locale = pickLocale(frame.widget.locale, navigator.language);
    const ui = this.#ensureUi();
    if (typeof CSS !== 'undefined' && CSS.supports('color', frame.widget.color)) {
      ui.shadow.wrap.style.setProperty('--a', frame.widget.color);
    }
    ui.bubble.setStrings(loaderStrings[this.#locale]);

    if (frame.conversation) this.#withChat((chat) => chat.welcome(frame, first));
    else this.#ifChat((chat) => chat.welcome(frame, first));

    if (frame.invitation) this.#showInvitation(frame.invitation);
    else this.#hideInvitation();

    this.#connection.resetBackoff();
    this.#render();
    void this.auth.refresh();
    if (first) {
      this.#ready = true;
      emit('lcw:ready');
      for (const action of this.#readyQueue.splice(0)) action();
    }
  }

  #onError(frame: Frame<'error'>): void {
    if (frame.code === 'INVITATION_SUPPRESSED') {
      console.info(`Beckon: no invitation shown: ${frame.message}`);
      return;
    }
    this.#ifChat((chat) => chat.error(frame));
    emitError(frame.code, frame.message);
  }

  #onRefused(): void {
    this.#readyQueue = [];
    emitError(
      'CONNECTION_REFUSED',
      'Refused: unknown or disabled widget, origin not allowed, or server unreachable.',
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
    // The pane only exists once the chat session does, so its actions can go straight to it.
    const pane = new PaneHost(() => this.#loadModule(), shadow.paneSlot, this.#paneState(), {
      send: (text) => this.#chat?.sendMessage(text),
      submitPrechat: (answers) => this.#chat?.submitPrechat(answers),
      end: () => this.closeChat(),
      minimize: () => this.#minimize(),
      restart: () => this.openChat(false),
    });
    shadow.wrap.append(bubble.element, launcher.element, bubble.announcer);
    this.#ui = { shadow, launcher, bubble, pane };
    return this.#ui;
  }

  #paneState(): PaneState {
    return {
      title: this.#config?.title ?? '',
      locale: this.#locale,
      prechatFields: this.#config?.prechatFields ?? [],
      connected: this.#connection.isOpen,
      view: 'chat',
      messages: [],
      ...this.#chat?.paneState(),
    };
  }

  #render(): void {
    if (!this.#ui) return;
    this.#ui.launcher.update(loaderStrings[this.#locale], this.#ui.pane.isOpen, this.#unread);
    this.#ui.pane.update(this.#paneState());
  }
}
