import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The widget's entrance animations have run to their end (axe would otherwise measure half-faded colours). */
export async function widgetAtRest(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const root = document.querySelector('#beckon-root')?.shadowRoot;
    await Promise.all((root?.getAnimations() ?? []).map((animation) => animation.finished));
  });
}

/** axe-core's WCAG 2.x A/AA violations inside the widget (its shadow tree included), as "rule: target" lines. */
export async function widgetViolations(page: Page): Promise<string[]> {
  await widgetAtRest(page);
  const results = await new AxeBuilder({ page })
    .include('#beckon-root')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id}: ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`,
    ),
  );
}

/** The `data-testid` (or tag name) of the element focused inside the widget; null when focus is elsewhere. */
export async function focusedInWidget(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.querySelector('#beckon-root')?.shadowRoot;
    const focused = root?.activeElement;
    if (!focused) return null;
    return focused.getAttribute('data-testid') ?? focused.tagName.toLowerCase();
  });
}

/** axe-core's WCAG 2.x A/AA violations on a whole console page, as "rule: target" lines. */
export async function pageViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id}: ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`,
    ),
  );
}
