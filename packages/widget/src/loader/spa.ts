/**
 * Single-page apps change the URL without a page load: wrap the History API and listen to popstate and
 * hashchange. The check runs a tick later so the router has had a chance to set the new title.
 */
export function watchUrlChanges(onChange: () => void): void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    onChange();
  };
  const later = () => setTimeout(check, 0);
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function wrapped(this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      later();
      return result;
    };
  }
  window.addEventListener('popstate', later);
  window.addEventListener('hashchange', later);
}
