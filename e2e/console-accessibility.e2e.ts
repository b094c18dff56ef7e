import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { pageViolations } from './support/a11y.ts';
import { accounts, signIn, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';

/**
 * axe-core (WCAG 2.x A/AA) on every screen of the shell's route table, as an admin, in English and French. The
 * routes are read from packages/console/src/shell/screens.tsx, so a screen added there is scanned here too.
 */
const screensFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../packages/console/src/shell/screens.tsx',
);
const routes = [...readFileSync(screensFile, 'utf8').matchAll(/route: '([^']*)'/g)].map((m) => m[1]!);

/**
 * A screen with its working parts open: a rule in the editor, the widget's hours with the time-zone picker, the
 * Privacy screen's erase confirmation, the
 * newest live visitor's details with the invitation form.
 */
async function openParts(page: Page, route: string): Promise<void> {
  if (route === 'visitors') {
    // The visitor only browsing (the other one chats, and a chat has no invitation form).
    await page.locator('[data-testid=visitors-page-filter]').fill('index.html');
    const rows = page.locator('[data-testid=visitor-row]');
    for (let tries = 0; (await rows.count()) !== 1 && tries < 50; tries++) await realDelay(100);
    await rows.first().getByRole('button').click();
    await page.locator('[data-testid=visitor-invite-form]').waitFor({ state: 'visible' });
  }
  if (route === 'rules') {
    await page.locator('[data-testid=rule-item]').first().click();
    await page.locator('input[name=rule-enabled]').waitFor({ state: 'visible' });
  }
  if (route === 'widgets') {
    const hours = page.locator('[data-testid=hours-toggle]');
    await hours.waitFor({ state: 'visible' });
    if (!(await hours.isChecked())) await hours.check();
    await page.locator('[data-testid=hours-timezone]').waitFor({ state: 'visible' });
  }
  if (route === 'privacy') {
    // A saved change, so that the audit log has a row to show, then the erase confirmation open.
    const forever = page.locator('[data-testid=retention-audit-forever]');
    await forever.waitFor({ state: 'visible' });
    await forever.setChecked(!(await forever.isChecked()));
    await page.locator('[data-testid=retention-save]').click();
    await page.locator('[data-testid=retention-saved]').waitFor({ state: 'visible' });
    await page.reload();
    await page.locator('[data-testid=audit-table]').waitFor({ state: 'visible' });
    await page.locator('[data-testid=person-section] [data-testid=person-id]').fill('cus_nobody');
    await page.locator('[data-testid=person-section] [data-testid=person-erase]').click();
    await page.locator('[data-testid=person-erase-dialog]').waitFor({ state: 'visible' });
  }
}

describe('every console screen is axe-clean', () => {
  const harness = useHarness();

  test('the route table has the screens this test expects to reach', () => {
    expect(routes).toEqual(
      expect.arrayContaining(['', 'analytics', 'rules', 'widgets', 'privacy', 'visitors', 'account']),
    );
  });

  for (const locale of ['en-US', 'fr-FR'] as const) {
    test(`as an admin, in ${locale}: each screen, with a live chat in the workspace`, async () => {
      const h = harness();
      // A chat on the floor, so the workspace, Analytics and the conversation view are scanned with content.
      const agent = await signInAvailable(h, accounts.agent.email);
      const visitor = await visitDemoPage(h, '/demo/pricing.html');
      const w = widget(visitor);
      await w.launcher.click();
      await w.prechat.waitFor({ state: 'visible' });
      await w.prechatName.fill('Ann');
      await w.prechatSubmit.click();
      await agent.locator('[data-testid=offer-accept]').click();
      await w.input.fill('Hello');
      await w.send.click();
      await agent.locator('[data-testid=message][data-author=visitor]').first().waitFor({ state: 'visible' });
      await widgetMessage(visitor, 'visitor', 'Hello').waitFor({ state: 'visible' });
      // A second visitor only browsing: the Visitors screen is scanned with its invitation form open.
      await visitDemoPage(h, '/demo/index.html');

      const admin = await signIn(h, accounts.admin.email, { locale });
      const found: string[] = [];
      for (const route of routes) {
        await admin.goto(`${h.origin}/console/${route}`);
        await admin.locator('#screen-heading').waitFor({ state: 'visible' });
        // Screens load their data after the heading shows: give them a moment to settle.
        await admin.waitForLoadState('load');
        await realDelay(500);
        await openParts(admin, route);
        for (const violation of await pageViolations(admin)) found.push(`/${route}: ${violation}`);
        process.stdout.write(`scanned /console/${route} (${locale})\n`);
      }
      // The agent's own workspace with the conversation open.
      for (const violation of await pageViolations(agent)) found.push(`agent workspace: ${violation}`);
      expect(found).toEqual([]);
    }, 240_000);
  }
});
