import { render } from 'preact';
import { Chat } from '../chat/session.ts';
import type { ChatHost, ChatSession, PaneApi } from '../pane-api.ts';
import { paneCss } from '../styles.ts';
import { attachCss } from './attach/attach-styles.ts';
import { Pane } from './pane.tsx';

export { dressInvitation as dress } from './invitation-look.ts';

/**
 * Entry point of `/widget/pane.js`, imported by the loader the first time a chat opens (or a conversation is
 * retrieved): the conversation state machine and the Preact pane that shows it.
 */
/** The session this chunk created: the pane's own controls (survey, typing) talk to it directly. */
let session: Chat | undefined;

export function createSession(host: ChatHost): ChatSession {
  session = new Chat(host);
  return session;
}

export function mount(container: HTMLElement, api: PaneApi): void {
  const style = document.createElement('style');
  style.textContent = paneCss + attachCss;
  const root = document.createElement('div');
  root.style.height = '100%';
  container.replaceChildren(style, root);
  render(<Pane api={api} chat={() => session} />, root);
}
