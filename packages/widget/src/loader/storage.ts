/** Storage can throw (blocked cookies, sandboxed frames, private modes): the widget then simply forgets. */
function area(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return window[kind];
  } catch {
    return undefined;
  }
}

export function readStored(kind: 'localStorage' | 'sessionStorage', key: string): string | undefined {
  try {
    return area(kind)?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(kind: 'localStorage' | 'sessionStorage', key: string, value: string): void {
  try {
    area(kind)?.setItem(key, value);
  } catch {
    // Full or blocked storage: the visitor id is simply not remembered.
  }
}
