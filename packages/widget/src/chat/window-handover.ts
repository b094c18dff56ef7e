import type { VisitorClientFrame } from '@beckon/protocol';
import type { WindowLink } from './window-link.ts';

/** What the chat window posts to its opener until it has its handover (window/main.ts). */
export const handoverReady = 'beckon:handover-ready';

/**
 * The opener's side of the chat window's handover: when the window it opened says it is ready, this page's
 * socket (whose origin the server checked) asks for a single-use token, and the token is posted to that window
 * only, at Beckon's origin. The window presents it with the origin the browser reported for this page.
 */
export class WindowHandover {
  #window: Window | undefined;
  #link: Omit<WindowLink, 'token'> = {};
  #origin = '';
  #asked = false;
  #listening = false;

  constructor(private readonly send: (frame: VisitorClientFrame) => boolean) {}

  /** Beckon's chat window was just opened at `base` (the Beckon node's URL). */
  opened(target: Window, base: string, link: Omit<WindowLink, 'token'>): void {
    this.#window = target;
    this.#link = link;
    this.#origin = new URL(base, location.href).origin;
    this.#asked = false;
    if (this.#listening) return;
    this.#listening = true;
    addEventListener('message', (event) => {
      if (!this.#window || event.source !== this.#window || event.origin !== this.#origin) return;
      if (event.data === handoverReady && !this.#asked) this.#asked = this.send({ type: 'handover.request' });
    });
  }

  /** The server's answer to this page's `handover.request`. */
  received(token: string): void {
    if (!this.#window || !this.#asked) return;
    this.#window.postMessage({ beckonHandover: token, ...this.#link }, this.#origin);
    this.#window = undefined;
  }
}
