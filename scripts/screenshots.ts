// `npm run screenshots`: starts a demo node (fake clock, fresh data) and Chromium, walks the main screens and
// writes PNGs to docs/images/ for the README and docs. Needs the bundles (`npm run build`) and Debian's chromium.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { Harness, realDelay } from '../e2e/harness.ts';
import { accounts, signIn } from '../e2e/support/console.ts';
import { visitDemoPage, widget, widgetMessage } from '../e2e/support/visitor.ts';

const imagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/images');
const viewport = { width: 1280, height: 800 };

async function shot(page: Page, name: string): Promise<void> {
  // Fonts, transitions and the last frames settle before the picture.
  await page.evaluate(() => document.fonts.ready);
  await realDelay(400);
  await page.screenshot({ path: path.join(imagesDir, `${name}.png`) });
  process.stdout.write(`docs/images/${name}.png\n`);
}

async function screen(page: Page, h: Harness, route: string): Promise<void> {
  await page.goto(`${h.origin}/console/${route}`);
  await page.locator('#screen-heading').waitFor({ state: 'visible' });
  await realDelay(600);
}

async function main(): Promise<void> {
  await mkdir(imagesDir, { recursive: true });
  const h = await Harness.start({ keepDemoPresence: true });
  try {
    const agent = await signIn(h, accounts.agent.email, { viewport });
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    await visitor.setViewportSize(viewport);
    await visitor.evaluate(() => window.Beckon?.track('compared_plans', { seats: 5 }));
    const w = widget(visitor);

    // The invitation on the demo page after 30 s on the pricing page.
    await h.advance(30_000);
    await w.invitation.waitFor({ state: 'visible' });
    await shot(visitor, 'widget-invitation');

    await w.invitationAccept.click();
    await w.prechat.waitFor({ state: 'visible' });
    await w.prechatName.fill('Alice Martin');
    await w.prechatEmail.fill('alice@example.com');
    await w.prechatSubmit.click();
    const offer = agent.locator('[data-testid=offer]');
    await offer.waitFor({ state: 'visible' });
    await shot(agent, 'console-offer');
    await offer.locator('[data-testid=offer-accept]').click();
    await w.input.fill('Hi! Which plan fits a team of five?');
    await w.send.click();
    await agent
      .locator('[data-testid=message][data-author=visitor]', { hasText: 'team of five' })
      .waitFor({ state: 'visible' });
    await agent.locator('[data-testid=composer]').fill('Hello Alice! The Team plan includes five seats.');
    await agent.locator('[data-testid=send]').click();
    await widgetMessage(visitor, 'agent', 'five seats').waitFor({ state: 'visible' });
    await shot(visitor, 'widget-chat');
    await shot(agent, 'console-workspace');
    await agent.locator('[data-testid=tab-details]').click();
    await agent.locator('[data-testid=details-panel]').waitFor({ state: 'visible' });
    await shot(agent, 'console-details');

    const admin = await signIn(h, accounts.admin.email, { viewport });
    await screen(admin, h, 'rules');
    await admin.locator('[data-testid=rule-item]').first().click();
    await admin.locator('input[name=rule-enabled]').waitFor({ state: 'visible' });
    await shot(admin, 'console-rules');
    await screen(admin, h, 'widgets');
    await shot(admin, 'console-widgets');
    await screen(admin, h, 'analytics');
    await admin.locator('[data-testid=rule-funnel]').first().waitFor({ state: 'visible' });
    await shot(admin, 'console-analytics');
  } finally {
    await h.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
