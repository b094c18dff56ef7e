import { loaderCss } from '../styles.ts';
import { el } from './dom.ts';

export interface ShadowHost {
  host: HTMLElement;
  /** The positioned container holding the pane slot, the invitation and the launcher, in that order. */
  wrap: HTMLElement;
  paneSlot: HTMLElement;
}

/**
 * `<div id="beckon-root">` with an open shadow root. Inline `!important` declarations beat anything the host
 * page's stylesheets say about the host element itself; inside, only the widget's own CSS applies.
 */
export function createShadowHost(): ShadowHost {
  const host = el('div', { id: 'beckon-root' });
  host.style.cssText =
    'all:initial!important;position:fixed!important;z-index:2147483647!important;right:0!important;bottom:0!important';
  const root = host.attachShadow({ mode: 'open' });
  const paneSlot = el('div', { class: 's' });
  paneSlot.hidden = true;
  const wrap = el('div', { class: 'w' }, paneSlot);
  root.append(el('style', {}, loaderCss), wrap);
  document.body.append(host);
  return { host, wrap, paneSlot };
}
