export type SignalKind = 'exit' | 'scroll' | 'active';

/** At most one `active` signal per this many milliseconds: idle-time conditions are accurate to about this. */
const activeEveryMs = 5000;

/**
 * Browser signals for the rules' exit-intent, scroll-depth and idle-time conditions, throttled so a busy
 * page sends a few frames a minute: `exit` once per page view when the pointer leaves through the top edge,
 * `scroll` when the deepest scroll grows by 10 points, `active` on movement, keys, touch or scroll.
 * Returns a function that starts a new page view (single-page-app navigation).
 */
export function watchSignals(send: (kind: SignalKind, value?: number) => void): () => void {
  let lastActive = 0;
  let depth = 0;
  let exited = false;
  const active = () => {
    const now = Date.now();
    if (now - lastActive < activeEveryMs) return;
    lastActive = now;
    send('active');
  };
  const scrolled = () => {
    const root = document.documentElement;
    const percent = Math.min(100, Math.round(((scrollY + innerHeight) / root.scrollHeight) * 100));
    if (percent >= depth + 10 || (percent === 100 && depth < 100)) {
      depth = percent;
      send('scroll', percent);
    }
    active();
  };
  for (const type of ['mousemove', 'keydown', 'touchstart'])
    addEventListener(type, active, { passive: true });
  addEventListener('scroll', scrolled, { passive: true });
  document.addEventListener('mouseout', (event) => {
    if (!exited && !event.relatedTarget && event.clientY <= 0) {
      exited = true;
      send('exit');
    }
  });
  return () => {
    depth = 0;
    exited = false;
  };
}
