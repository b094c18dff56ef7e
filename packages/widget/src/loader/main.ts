import { createSdk, installSdk } from './sdk.ts';
import { watchSignals } from './signals.ts';
import { watchUrlChanges } from './spa.ts';
import { Widget } from './widget.ts';

/**
 * Entry point of `/widget.js`: `<script src="https://host/widget.js" data-widget="KEY" async>`. The script's own
 * origin is the Beckon server. Only `window.Beckon` and the compatibility namespace become globals.
 */
function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.widget) return current;
  return document.querySelector<HTMLScriptElement>('script[data-widget][src*="widget.js"]');
}

function boot(): void {
  if ((window as unknown as { Beckon?: unknown }).Beckon) {
    console.warn('Beckon: widget.js included twice');
    return;
  }
  const script = findScript();
  const key = script?.dataset.widget;
  if (!script || !key) {
    console.error('Beckon: the widget <script> needs data-widget="KEY"');
    return;
  }
  const widget = new Widget(key, new URL(script.src, location.href).origin);
  installSdk(createSdk(widget));
  const newPageSignals = watchSignals((kind, value) => widget.signal(kind, value));
  watchUrlChanges(() => {
    newPageSignals();
    widget.pageChanged();
  });
  if (document.body) widget.start();
  else document.addEventListener('DOMContentLoaded', () => widget.start(), { once: true });
}

boot();
