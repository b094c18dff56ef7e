/**
 * Entry point of `/widget/chat-window.js`, the script of `/widget/chat-window.html`: the page Beckon serves
 * for `startChat({ inNewWindow: true })`. It loads the ordinary loader for the widget named in `?key=`, with
 * the visitor id the opener passed in the fragment (so the same conversation continues here), and opens the
 * chat as soon as the SDK is ready, with the opener's `customContext` when it gave one. The window is narrow,
 * so the pane is full screen.
 */
import { readWindowFragment } from '../loader/window-link.ts';

const params = new URLSearchParams(location.search);
const key = params.get('key') ?? '';
const { visitorId, customContext, invitationId } = readWindowFragment(location.hash);

if (/^[\w-]{1,64}$/.test(key)) {
  try {
    // sessionStorage: the id serves this window's chat only, and nothing outlives the window.
    if (visitorId) sessionStorage.setItem(`beckon:${key}:visitor`, visitorId);
  } catch {
    // Blocked storage: a new visitor, still able to chat.
  }
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
