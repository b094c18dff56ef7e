import type { InvitationView } from '@beckon/protocol';
import type { LoaderStrings } from '../i18n.ts';
import { el } from './dom.ts';

export interface InvitationHandlers {
  accept(invitationId: string): void;
  dismiss(invitationId: string): void;
}

/**
 * The proactive invitation bubble. It has no timer at all: the server owns the 60-second deadline and the bubble
 * goes away on `invitation.closed` (a countdown was left out to keep the loader under its size budget).
 */
export class InvitationBubble {
  readonly element: HTMLElement;
  /**
   * A visually hidden status region that is always in the tree: screen readers announce text put into an
   * existing live region, not a dialog that merely stops being hidden.
   */
  readonly announcer = el('p', { class: 'sr', role: 'status', 'data-testid': 'beckon-announcer' });
  #message = el('p', { 'data-testid': 'beckon-invitation-message' });
  #acceptButton = el('button', {
    type: 'button',
    class: 'b',
    'data-testid': 'beckon-invitation-accept',
  });
  #closeButton = el(
    'button',
    { type: 'button', class: 'b x', 'data-testid': 'beckon-invitation-close' },
    '×',
  );
  #current: InvitationView | undefined;

  constructor(handlers: InvitationHandlers) {
    this.element = el(
      'div',
      { class: 'i', 'data-testid': 'beckon-invitation', role: 'dialog' },
      this.#message,
      el('div', { class: 'r' }, this.#acceptButton, this.#closeButton),
    );
    this.element.hidden = true;
    this.#acceptButton.addEventListener('click', () => this.#current && handlers.accept(this.#current.id));
    this.#closeButton.addEventListener('click', () => this.#current && handlers.dismiss(this.#current.id));
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.#current) handlers.dismiss(this.#current.id);
    });
  }

  get showing(): InvitationView | undefined {
    return this.#current;
  }

  /**
   * Shows and announces the invitation. Focus moves onto "Chat now" only when the page has none (nothing
   * focused, or the widget itself): a visitor typing into the page's own form keeps their caret.
   */
  show(invitation: InvitationView, strings: LoaderStrings): void {
    this.#current = invitation;
    this.setStrings(strings);
    this.#message.textContent = invitation.message;
    this.announcer.textContent = invitation.message;
    this.element.hidden = false;
    const focused = document.activeElement;
    const widgetHost = (this.element.getRootNode() as ShadowRoot).host;
    if (!focused || focused === document.body || focused === widgetHost) this.#acceptButton.focus();
  }

  /** Hides the bubble; true when it held the focus, which the caller then gives back to the launcher. */
  hide(): boolean {
    const root = this.element.getRootNode() as Document | ShadowRoot;
    const hadFocus = this.element.contains(root.activeElement);
    this.#current = undefined;
    this.element.hidden = true;
    this.announcer.textContent = '';
    return hadFocus;
  }

  setStrings(strings: LoaderStrings): void {
    this.element.setAttribute('aria-label', strings.invitationLabel);
    this.#acceptButton.textContent = this.#current?.acceptLabel || strings.invitationAccept;
    this.#closeButton.setAttribute('aria-label', strings.invitationClose);
  }
}
