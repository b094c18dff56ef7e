import { render } from 'preact';
import type { PaneApi } from '../pane-api.ts';
import { paneCss } from '../styles.ts';
import { Pane } from './pane.tsx';

/** Entry point of `/widget/pane.js`, imported by the loader the first time the chat opens. */
export function mount(container: HTMLElement, api: PaneApi): void {
  const style = document.createElement('style');
  style.textContent = paneCss;
  const root = document.createElement('div');
  root.style.height = '100%';
  container.replaceChildren(style, root);
  render(<Pane api={api} />, root);
}
