import { AxeBuilder } from '@axe-core/playwright';
import { TestWebhookReceiver } from '@beckon/test-kit/webhook-receiver';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accounts, openScreen, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget } from './support/visitor.ts';
import { waitForText } from './support/wait.ts';

/**
 * The Webhooks screen: an admin adds an endpoint from the keyboard, a chat sends it an event (refused once,
 * delivered on the retry: both attempts listed), sent again.
 */

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include('[data-testid=webhooks-screen]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
}

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

describe('webhooks in the console', () => {
  let receiver: TestWebhookReceiver;
  beforeAll(async () => {
    receiver = await TestWebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver?.close();
  });
  // The receiver listens on 127.0.0.1: only an installation allowing private addresses may call it.
  const harness = useHarness(() => ({ env: { BECKON_WEBHOOKS_ALLOW_PRIVATE: 'true' } }));

  test('add an endpoint from the keyboard, see a chat’s delivery and its two attempts in its log, send it again; axe-clean', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email);
    await admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
    await openScreen(admin, 'Webhooks');
    await admin.locator('[data-testid=webhooks-screen]').waitFor({ state: 'visible' });
    expect(await violations(admin)).toEqual([]);

    // Keyboard only: the URL, one event (Space ticks it), submit with Enter.
    await admin.getByLabel('URL', { exact: true }).focus();
    await admin.keyboard.type(receiver.url);
    await admin.getByRole('checkbox', { name: /A message was written/ }).focus();
    await admin.keyboard.press('Space');
    await admin.locator('[data-testid=webhook-create]').focus();
    await admin.keyboard.press('Enter');

    // The signing secret, shown this once, takes the focus and copies.
    const secret = admin.locator('[data-testid=webhook-secret]');
    await secret.waitFor({ state: 'visible' });
    await expect.poll(() => focusedTestId(admin)).toBe('webhook-secret');
    const value = await secret.inputValue();
    expect(value).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await admin.locator('[data-testid=webhook-copy]').click();
    await waitForText(admin.locator('[data-testid=webhook-new] [role=status]'), 'Copied.');
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(value);
    const row = admin.locator('[data-testid=webhook-row]', { hasText: receiver.url });
    await waitForText(row.locator('[data-testid=webhook-status]'), 'On');
    expect(await violations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Done' }).click();
    expect(await admin.locator('[data-testid=webhooks-screen]').textContent()).not.toContain(value);

    // A visitor writes in a chat: the endpoint receives message.created, refuses it once, takes the retry.
    receiver.answerNext(503);
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    await visitor.evaluate(() => window.Beckon?.startChat());
    await w.prechat.waitFor({ state: 'visible' });
    await w.prechatSubmit.click();
    await w.input.waitFor({ state: 'visible' });
    await w.input.fill('Hello, webhooks');
    await w.send.click();
    const [refused] = await receiver.waitFor(1, 15_000);
    expect(JSON.parse(refused!.body)).toMatchObject({ type: 'message.created' });
    // The retry is due 30 s after the server has written the refusal: wait for that write before moving its
    // clock, or the retry would fall due 30 s after the moved clock instead.
    const api = admin.context().request;
    const { endpoints } = (await (await api.get(`${h.origin}/v1/webhooks`)).json()) as {
      endpoints: { id: string; url: string }[];
    };
    const endpointId = endpoints.find((e) => e.url === receiver.url)!.id;
    await expect
      .poll(async () => {
        const { deliveries } = (await (
          await api.get(`${h.origin}/v1/webhooks/${endpointId}/deliveries`)
        ).json()) as { deliveries: { attempts: number; lastStatus: number | null }[] };
        return deliveries.map((d) => [d.attempts, d.lastStatus]);
      })
      .toEqual([[1, 503]]);
    await h.advance(30_000);
    const [, first] = await receiver.waitFor(2, 15_000);
    expect(first!.headers['webhook-id']).toBe(refused!.headers['webhook-id']);

    // Its delivery log, opened from the keyboard, lists the delivery with the receiver's answer.
    await admin.getByRole('button', { name: `Delivery log of ${receiver.url}` }).focus();
    await admin.keyboard.press('Enter');
    const delivery = admin.locator('[data-testid=webhook-delivery]', { hasText: 'message.created' });
    await waitForText(delivery.locator('[data-testid=webhook-delivery-status]'), 'Delivered');
    await waitForText(delivery.locator('[data-testid=webhook-delivery-answer]'), 'HTTP 204');
    expect(await violations(admin)).toEqual([]);

    // Opened from the keyboard, the delivery lists both attempts: the refusal with what the receiver said.
    const show = delivery.locator('[data-testid=webhook-show-attempts]');
    await show.focus();
    await admin.keyboard.press('Enter');
    expect(await show.getAttribute('aria-expanded')).toBe('true');
    const attempts = admin.locator('[data-testid=webhook-attempt]');
    await expect.poll(() => attempts.count()).toBe(2);
    await waitForText(attempts.nth(0).locator('[data-testid=webhook-attempt-outcome]'), 'HTTP 503');
    await waitForText(attempts.nth(0).locator('[data-testid=webhook-attempt-response]'), 'receiver says no');
    await waitForText(attempts.nth(1).locator('[data-testid=webhook-attempt-outcome]'), 'HTTP 204');
    expect(await violations(admin)).toEqual([]);

    // "Send again": a second request with the same webhook-id, so the receiver can tell it is the same event.
    await delivery.locator('[data-testid=webhook-send-again]').focus();
    await admin.keyboard.press('Enter');
    const [, , again] = await receiver.waitFor(3, 15_000);
    expect(again!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(again!.body).toBe(first!.body);
    await waitForText(admin.locator('[data-testid=webhooks-screen] > [role=status]'), 'same webhook-id');
    expect(await violations(admin)).toEqual([]);
  });
});
