/**
 * Entry point of `/widget/chat-window.js`, the script of `/widget/chat-window.html`: the page Beckon serves
 * for `startChat({ inNewWindow: true })`. It asks its opener for a handover (chat/window-handover.ts) and
 * loads the ordinary loader for the widget named in `?key=` with it, so the same visitor and conversation
 * continue here; then it opens the chat, with the opener's `customContext` when it gave one. Without a
 * handover (no opener, or one the server does not accept) the window shows nothing. The window is narrow, so
 * the pane is full screen.
 */
import { handoverReady } from '../chat/window-handover.ts';
import { readWindowLink, type WindowLink } from '../chat/window-link.ts';

const params = new URLSearchParams(location.search);
const key = params.get('key') ?? '';
const opener = window.opener as Window | null;

function start({ token, customContext, invitationId }: WindowLink, origin: string): void {
  // Read by the loader's hello; the server bound the token to the origin of the page that asked for it.
  (window as { beckonHandover?: object }).beckonHandover = { token, origin };
  // An accepted invitation (startProactiveChat inNewWindow): the loader accepts it itself when it shows.
  (window as { beckonAcceptInvitation?: string }).beckonAcceptInvitation = invitationId;
  if (!invitationId)
    window.addEventListener('lcw:ready', () => {
      const sdk = (window as unknown as { Beckon: { startChat(options?: object): void } }).Beckon;
      sdk.startChat(customContext ? { customContext } : undefined);
    });
  const script = document.createElement('script');
  script.src = new URL('../widget.js', import.meta.url).href;
  script.dataset.widget = key;
  document.head.append(script);
}

if (/^[\w-]{1,64}$/.test(key) && opener) {
  let started = false;
  // `event.origin` is the browser's word for who posted: a page cannot claim another site's origin.
  window.addEventListener('message', (event) => {
    const link = readWindowLink(event.data);
    if (started || event.source !== opener || !link) return;
    started = true;
    start(link, event.origin);
  });
  // The opener's chat code may still be loading: say so again until it answers (for a minute at most).
  let tries = 0;
  const ask = (): void => {
    if (started || tries++ > 120) return;
    opener.postMessage(handoverReady, '*');
    setTimeout(ask, 500);
  };
  ask();
}
