import { describe, expect, test } from 'vitest';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget } from './support/visitor.ts';
import { isShown, normalize } from './support/wait.ts';

/**
 * Browser signals in real Chromium: the loader's signals.ts reports exit intent (the pointer leaving through
 * the top edge) and the server's exitIntent condition invites on it.
 */
describe('rules on browser signals', () => {
  const harness = useHarness();

  test('exit intent from the real loader invites; nothing before it', async () => {
    const h = harness();
    const services = h.node.services;
    const [widgetRow] = await h.store.listWidgets();
    for (const rule of await services.widgets.rules(widgetRow!.id))
      await services.widgets.deleteRule(rule.id);
    await services.widgets.createRule(widgetRow!.id, {
      name: 'Leaving the pricing page',
      conditions: {
        type: 'all',
        conditions: [{ type: 'currentUrl', op: 'contains', value: '/pricing' }, { type: 'exitIntent' }],
      },
      message: { text: 'Before you go: any question?' },
    });
    const page = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(page);
    await page.mouse.move(200, 200);
    await page.mouse.move(220, 180);
    expect(await isShown(w.invitation)).toBe(false);
    // The pointer leaves the document through its top edge (towards the tabs), as Chromium reports it.
    await page.evaluate(() =>
      document.dispatchEvent(
        new MouseEvent('mouseout', { bubbles: true, clientX: 200, clientY: -1, relatedTarget: null }),
      ),
    );
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.invitationMessage.textContent()) ?? '')).toContain('Before you go');
  });
});
