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
  #message = el('p', { 'data-testid': 'beckon-invitation-message' });
  #acceptButton = el('button', {
    type: 'button',
    class: 'b',
    'data-testid': 'beckon-invitation-accept',
  });
  #closeButton = el('button', {
    type: 'button',
    class: 'b b2',
    'data-testid': 'beckon-invitation-close',
  });
  #current: InvitationView | undefined;

  constructor(handlers: InvitationHandlers) {
    this.element = el(
      'div',
      { class: 'i', 'data-testid': 'beckon-invitation', role: 'dialog', 'aria-live': 'polite' },
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

  show(invitation: InvitationView, strings: LoaderStrings): void {
    this.#current = invitation;
    this.setStrings(strings);
    this.#message.textContent = invitation.message;
    this.element.hidden = false;
  }

  hide(): void {
    this.#current = undefined;
    this.element.hidden = true;
  }

  setStrings(strings: LoaderStrings): void {
    this.element.setAttribute('aria-label', strings.invitationLabel);
    this.#acceptButton.textContent = strings.invitationAccept;
    this.#closeButton.textContent = strings.invitationClose;
  }
}
