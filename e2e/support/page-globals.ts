/** What the demo pages and the init script of harness.ts put on `window`, as seen from `page.evaluate`. */

export interface BeckonErrorDetail {
  errorCode?: string;
  errorDescription?: string;
}

export interface BeckonPageSdk {
  setContextProvider(provider: () => Record<string, unknown>): void;
  startChat(options?: { inNewWindow?: boolean; customContext?: Record<string, unknown> }): void;
  startProactiveChat(
    config: { message?: string },
    showPrechat: boolean,
    options?: { inNewWindow?: boolean },
  ): void;
  closeChat(): void;
  page(): void;
  track(name: string, props?: Record<string, string | number | boolean>): void;
  consent(granted: boolean): void;
  getAgentAvailability(): Promise<Record<string, unknown>>;
  emailTranscript(address: string): Promise<void>;
  emailLiveChatTranscript(body: {
    emailAddress: string;
    attachmentMessage?: string;
    locale?: string;
  }): Promise<void>;
}

declare global {
  interface Window {
    __beckonReady?: boolean;
    __beckonErrors?: BeckonErrorDetail[];
    __beckonEvents?: string[];
    Beckon?: BeckonPageSdk;
    Microsoft?: { Omnichannel?: { LiveChatWidget?: { SDK?: BeckonPageSdk } } };
  }
}
