import type { AgentAvailability } from '@beckon/protocol';
import type { AuthTokenProvider } from './auth.ts';
import { isPlainObject } from './context-check.ts';
import type { ContextProvider } from './context-source.ts';
import { emitError } from './events.ts';
import type { Widget } from './widget.ts';

export interface StartChatOptions {
  inNewWindow?: boolean;
  customContext?: Record<string, unknown>;
}

/** `window.Beckon`, also exposed as `window.Microsoft.Omnichannel.LiveChatWidget.SDK`. */
export interface BeckonSdk {
  setContextProvider(provider: ContextProvider): void;
  getContextProvider(): ContextProvider | undefined;
  removeContextProvider(): void;
  setAuthTokenProvider(provider: AuthTokenProvider): void;
  getAuthTokenProvider(): AuthTokenProvider | undefined;
  removeAuthTokenProvider(): void;
  startChat(options?: StartChatOptions): Promise<void>;
  closeChat(): Promise<void>;
  startProactiveChat(
    notificationUIConfig?: { message?: string },
    showPrechat?: boolean,
    options?: { inNewWindow?: boolean },
  ): Promise<void>;
  /** Reports a single-page-app route change (also detected from the History API). */
  page(): void;
  /** A custom event rules can use: `name` 1–64 characters, `props` short strings, numbers or booleans. */
  track(name: string, props?: Record<string, string | number | boolean>): void;
  /** Consent for journey tracking on a consent-mode widget; remembered on this site until withdrawn. */
  consent(granted: boolean): void;
  /** Is an agent free, where is the visitor's chat in the queue, when are the operating hours. */
  getAgentAvailability(): Promise<AgentAvailability>;
  /** E-mails the transcript of the current (or just ended) chat; settles once the server queued the mail. */
  emailTranscript(address: string): Promise<void>;
  /** The Omnichannel chat SDK's name and arguments for `emailTranscript` (`attachmentMessage` is not used). */
  emailLiveChatTranscript(
    body: { emailAddress: string; attachmentMessage?: string; locale?: string },
    optionalParams?: object,
  ): Promise<void>;
}

export function createSdk(widget: Widget): BeckonSdk {
  /** Actions wait for `welcome`; the promise settles when the action has run. */
  const whenReady = (action: () => void) =>
    new Promise<void>((resolve) => {
      widget.whenReady(() => {
        action();
        resolve();
      });
    });

  return {
    // A non-function is not refused here: calling it throws, which reports CONTEXT_PROVIDER_FAILED (or
    // AUTH_TOKEN_PROVIDER_FAILED) exactly like a provider that throws.
    setContextProvider(provider) {
      widget.context.set(provider);
      widget.contextProviderChanged();
    },
    getContextProvider: () => widget.context.provider,
    removeContextProvider: () => widget.context.set(undefined),
    setAuthTokenProvider(provider) {
      widget.auth.set(provider);
      widget.authProviderChanged();
    },
    getAuthTokenProvider: () => widget.auth.provider,
    removeAuthTokenProvider: () => widget.auth.set(undefined),
    startChat(options) {
      const custom = isPlainObject(options?.customContext) ? options.customContext : undefined;
      // A blocked popup falls back to the chat in the page.
      return whenReady(
        () => (options?.inNewWindow && widget.popOut(custom)) || widget.openChat(true, custom),
      );
    },
    closeChat: () => whenReady(() => widget.closeChat()),
    startProactiveChat(notificationUIConfig, showPrechat, options) {
      const inNewWindow = options?.inNewWindow === true;
      return whenReady(() =>
        widget.requestInvitation(notificationUIConfig?.message, showPrechat, inNewWindow),
      );
    },
    page: () => widget.pageChanged(),
    track(name, props) {
      if (typeof name === 'string' && name && name.length <= 64) widget.track(name, props);
      else emitError('VALIDATION_FAILED', 'Beckon.track: name must be 1-64 characters');
    },
    consent: (granted) => widget.consent(granted === true),
    getAgentAvailability: () =>
      new Promise((resolve, reject) => widget.whenReady(() => widget.availability(resolve, reject))),
    // Forwarded to the chat session in the pane chunk, which checks the arguments: the loader stays small.
    emailTranscript: (address) => widget.inChat((chat) => chat.emailTranscript(address)),
    emailLiveChatTranscript: (body) =>
      widget.inChat((chat) => chat.emailTranscript(body?.emailAddress, body?.locale)),
  };
}

/** Publishes the SDK; the namespace objects a page may already have are extended, never replaced. */
export function installSdk(sdk: BeckonSdk): void {
  const host = window as unknown as Record<string, unknown>;
  host.Beckon = sdk;
  let namespace = host;
  for (const name of ['Microsoft', 'Omnichannel', 'LiveChatWidget']) {
    const existing = namespace[name];
    const next =
      typeof existing === 'object' && existing !== null ? (existing as Record<string, unknown>) : {};
    namespace[name] = next;
    namespace = next;
  }
  namespace.SDK = sdk;
}
