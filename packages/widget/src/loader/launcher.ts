import type { LoaderStrings } from '../i18n.ts';
import { el } from './dom.ts';

const svgNs = 'http://www.w3.org/2000/svg';
const chatIcon = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z';
const closeIcon = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z';

export interface Launcher {
  element: HTMLButtonElement;
  update(strings: LoaderStrings, expanded: boolean, unread: number): void;
}

/**
 * The round button at the bottom right that opens and minimises the chat, with a badge counting agent messages
 * that arrived while the chat was minimised (the count is in the label too; the badge is only visual).
 */
export function createLauncher(onClick: () => void): Launcher {
  const path = document.createElementNS(svgNs, 'path');
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.append(path);
  const badge = el('span', { class: 'n', 'aria-hidden': 'true', 'data-testid': 'beckon-unread' });
  const element = el('button', { type: 'button', class: 'l', 'data-testid': 'beckon-launcher' }, svg, badge);
  element.addEventListener('click', onClick);
  return {
    element,
    update(strings, expanded, unread) {
      const label = expanded ? strings.launcherClose : strings.launcherOpen;
      element.setAttribute(
        'aria-label',
        unread ? `${label} (${strings.unread.replace('#', String(unread))})` : label,
      );
      badge.textContent = String(unread);
      badge.hidden = !unread;
      element.setAttribute('aria-expanded', String(expanded));
      path.setAttribute('d', expanded ? closeIcon : chatIcon);
    },
  };
}
