import type { Page } from 'playwright-core';

/**
 * Reads how the widget (inside its shadow root) and the host page look, so two pages can be compared: a box and
 * a fixed list of computed properties per element. Everything is read in the page in one evaluate.
 */

export const probedProperties = [
  'display',
  'position',
  'box-sizing',
  'font-family',
  'font-size',
  'font-weight',
  'line-height',
  'color',
  'background-color',
  'border-top-width',
  'border-radius',
  'padding-top',
  'padding-left',
  'margin-top',
  'text-align',
  'opacity',
] as const;

export interface Probe {
  box: { x: number; y: number; width: number; height: number };
  style: Record<string, string>;
}

/** The widget's parts by test id (absent ones are left out). */
export async function probeWidget(page: Page, testIds: string[]): Promise<Record<string, Probe>> {
  return page.evaluate(
    async ({ ids, properties }) => {
      const root = document.querySelector('#beckon-root')?.shadowRoot;
      // Entrance animations first run to their end, so two pages are compared at rest.
      await Promise.all((root?.getAnimations() ?? []).map((animation) => animation.finished));
      const out: Record<string, { box: DOMRect; style: Record<string, string> }> = {};
      for (const id of ids) {
        const element = root?.querySelector(`[data-testid="${id}"]`);
        if (!element) continue;
        const computed = getComputedStyle(element);
        const style: Record<string, string> = {};
        for (const property of properties) style[property] = computed.getPropertyValue(property);
        out[id] = { box: element.getBoundingClientRect().toJSON() as DOMRect, style };
      }
      return out;
    },
    { ids: testIds, properties: [...probedProperties] },
  );
}

/** The host page's own elements, by CSS selector. */
export async function probeHost(page: Page, selectors: string[]): Promise<Record<string, Probe>> {
  return page.evaluate(
    ({ list, properties }) => {
      const out: Record<string, { box: DOMRect; style: Record<string, string> }> = {};
      for (const selector of list) {
        const element = document.querySelector(selector);
        if (!element) continue;
        const computed = getComputedStyle(element);
        const style: Record<string, string> = {};
        for (const property of properties) style[property] = computed.getPropertyValue(property);
        out[selector] = { box: element.getBoundingClientRect().toJSON() as DOMRect, style };
      }
      return out;
    },
    { list: selectors, properties: [...probedProperties] },
  );
}
