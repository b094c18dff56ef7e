import { describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { openScreen, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { openDemoPage, visitDemoPage, waitForWidgetReady, widget } from './support/visitor.ts';
import { isShown, normalize, waitForText } from './support/wait.ts';

/**
 * An admin edits the demo rule in the console as a draft, previews it on the live site
 * with the preview link (only their browser sees it), publishes it, and the funnel counts a real visitor.
 */
describe('rule lifecycle in the console', () => {
  const harness = useHarness();

  test('edit as draft, preview with the link, publish, and see the funnel count a real invitation', async () => {
    const h = harness();
    const admin = await signIn(h, 'admin@beckon.local');
    await openScreen(admin, 'Rules');
    await admin.locator('[data-testid=rule-item]').first().click();
    const editor = admin.locator('[data-testid=rule-editor]');
    await editor.locator('textarea[name=rule-message]').fill('Preview me: plans explained');
    await editor.locator('input[name=rule-draft]').check();
    await editor.locator('[data-testid=save-rule]').click();
    await waitForText(editor.locator('[data-testid=rule-save-status]'), 'Saved.');
    await waitForText(editor.locator('[data-testid=rule-status]'), 'Draft');

    // The preview link, opened in the admin's own browser, shows the draft; a stranger sees nothing.
    await editor.locator('input[name=preview-page]').fill(`${h.origin}/demo/pricing.html`);
    await editor.locator('[data-testid=preview-rule]').click();
    const link = editor.locator('[data-testid=preview-link]');
    await link.waitFor({ state: 'visible', timeout: 10_000 });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toContain('beckon_preview=');
    const stranger = await visitDemoPage(h, '/demo/pricing.html');
    const previewPage = await openDemoPage(h, href.slice(h.origin.length));
    await waitForWidgetReady(previewPage);
    await h.advance(30_000);
    const preview = widget(previewPage);
    await preview.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await preview.invitationMessage.textContent()) ?? '')).toContain('Preview me');
    expect(await isShown(widget(stranger).invitation)).toBe(false);
    await stranger.close();

    // Publish: now real visitors are invited, and the funnel counts them (the preview is not counted).
    await editor.locator('[data-testid=publish-rule]').click();
    await waitForText(editor.locator('[data-testid=rule-status]'), 'Published');
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    await h.advance(30_000);
    const w = widget(visitor);
    await w.invitation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await w.invitationMessage.textContent()) ?? '')).toContain('Preview me');

    // The funnel is on the Analytics screen; the back button then returns to the rules.
    await openScreen(admin, 'Analytics');
    await admin.locator('[data-testid=refresh-funnel]').click();
    const row = admin.locator('[data-testid=rule-funnel] [data-testid=funnel-row]').first();
    await waitForText(row.locator('[data-step=shown]'), '1');
    expect(normalize((await row.locator('[data-step=invited]').textContent()) ?? '')).toBe('1');
    const chart = admin.locator('[data-testid=funnel-chart]').first();
    await chart.waitFor({ state: 'visible', timeout: 10_000 });
    // The legend names the side; hovering the first step shows its real count; the count axis starts at 0.
    expect(normalize((await admin.locator('[data-testid=funnel-legend]').first().textContent()) ?? '')).toBe(
      'All visitors',
    );
    // The chart is redrawn when a fetch answers; hover again until the tooltip of the drawn chart shows.
    const tooltip = chart.locator('[data-testid=funnel-tooltip]');
    const deadline = Date.now() + 10_000;
    for (
      let y = 0.4;
      !normalize((await tooltip.textContent().catch(() => '')) ?? '').includes('All visitors: 1');
    ) {
      if (Date.now() > deadline) throw new Error('the funnel tooltip never showed the count');
      // The pointer only hovers what is on screen.
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.locator('.u-over').boundingBox();
      await admin.mouse.move(box!.x + box!.width / 14, box!.y + box!.height * y);
      y = y === 0.4 ? 0.6 : 0.4;
      await realDelay(100);
    }
    expect(normalize((await tooltip.textContent()) ?? '')).toContain('Invited');
    expect(await chart.getAttribute('data-count-axis')).toBe('0-2');

    // The history names who changed the rule.
    await admin.goBack();
    await admin.getByRole('heading', { level: 1, name: 'Rules' }).waitFor({ state: 'visible' });
    await admin.locator('[data-testid=rule-item]').first().click();
    await editor
      .locator('[data-testid=rule-history]')
      .evaluate((list) => list.closest('details')?.setAttribute('open', ''));
    await waitForText(editor.locator('[data-testid=rule-history]'), 'published by Ada Admin');
  });
});
