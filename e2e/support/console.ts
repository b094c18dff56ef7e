import type { BrowserContextOptions, Page } from 'playwright-core';
import { demoPassword, type Harness, realDelay } from '../harness.ts';

/** The console side: a signed-in user in their own browser context. */

export type PresenceStatus = 'available' | 'busy' | 'dnd' | 'away' | 'offline';

export const accounts = {
  admin: { email: 'admin@beckon.local', name: 'Ada Admin' },
  agent: { email: 'agent@beckon.local', name: 'Alex Agent' },
  agent2: { email: 'agent2@beckon.local', name: 'Sam Support' },
} as const;

/** Signs in at /console/ in a fresh context (`options`: its locale…) and waits for the workspace (its presence selector). */
export async function signIn(h: Harness, email: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await h.newContext(options);
  const page = await context.newPage();
  const response = await page.goto(`${h.origin}/console/`);
  if (!response?.ok()) {
    throw new Error(`GET /console/ answered ${response?.status()}: is the console built? (npm run build)`);
  }
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(demoPassword);
  await page.locator('[data-testid=login-submit]').click();
  await page.locator('[data-testid=presence-select]').waitFor({ state: 'visible', timeout: 15_000 });
  return page;
}

/**
 * Picks a presence in the console, then waits until the server has it, so that the next step (a visitor
 * accepting an invitation) can rely on the agent being eligible.
 */
export async function setPresence(
  h: Harness,
  page: Page,
  email: string,
  status: PresenceStatus,
): Promise<void> {
  await page.locator('[data-testid=presence-select]').selectOption(status);
  const user = await h.store.findUserByEmail(email);
  if (!user) throw new Error(`no user ${email}`);
  // Generous: on a loaded machine the select's frame can wait seconds for the console socket to be up.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if ((await h.store.getPresence(user.id)) === status) return;
    if (Date.now() > deadline) throw new Error(`the server never saw ${email} become ${status}`);
    await realDelay(100);
  }
}

/** Signs an agent in and makes them Available. */
export async function signInAvailable(h: Harness, email: string): Promise<Page> {
  const page = await signIn(h, email);
  await setPresence(h, page, email, 'available');
  return page;
}

/** The agent accepts the next offer that shows in their workspace. */
export async function acceptOffer(agent: Page): Promise<void> {
  const offer = agent.locator('[data-testid=offer]');
  await offer.waitFor({ state: 'visible', timeout: 10_000 });
  await offer.locator('[data-testid=offer-accept]').click();
}

/** Opens a console screen the way a user does: its link in the main navigation; waits for its heading. */
export async function openScreen(page: Page, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: /^(Main|Principale)$/ });
  await nav.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ state: 'visible' });
}
