import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { focusedInWidget, widgetAtRest, widgetViolations } from './support/a11y.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitWith } from './support/visit-with.ts';
import { visitDemoPage, widget, widgetMessage } from './support/visitor.ts';
import { normalize } from './support/wait.ts';

/**
 * Accessibility (WCAG 2.2 AA): axe-core finds nothing on the invitation, the pre-chat survey and the
 * chat pane; the whole flow works from the keyboard with the focus moved in and given back; the invitation and
 * new messages are announced; reduced motion is honoured.
 */

async function waitForFocus(page: Page, testId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await focusedInWidget(page);
    if (last === testId) return;
    await realDelay(50);
  }
  throw new Error(`focus never reached ${testId}; last focused in the widget: ${last}`);
}

async function invite(page: Page, message: string): Promise<void> {
  await page.evaluate((text) => window.Beckon?.startProactiveChat({ message: text }, false), message);
  await widget(page).invitation.waitFor({ state: 'visible' });
}

describe('widget accessibility', () => {
  const harness = useHarness();

  test('axe finds no violation on the invitation, the pre-chat survey and the chat pane', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);

    expect(await widgetViolations(visitor)).toEqual([]);

    await invite(visitor, 'Can I help you find something?');
    expect(await widgetViolations(visitor)).toEqual([]);
    await w.invitationClose.click();

    // The demo widget has pre-chat fields, so an explicit chat starts with the survey.
    await visitor.evaluate(() => window.Beckon?.startChat());
    await w.prechat.waitFor({ state: 'visible' });
    expect(await widgetViolations(visitor)).toEqual([]);

    await w.prechatName.fill('Ada');
    await w.prechatSubmit.click();
    await w.input.waitFor({ state: 'visible' });
    await w.input.fill('Hello');
    await w.send.click();
    await widgetMessage(visitor, 'visitor', 'Hello').waitFor({ state: 'visible' });
    expect(await widgetViolations(visitor)).toEqual([]);
  });

  test('keyboard only: from the invitation to a sent message, with the focus moved in and given back', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);

    // Nothing on the page has the focus, so the invitation takes it.
    await invite(visitor, 'Questions? Ask away.');
    await waitForFocus(visitor, 'beckon-invitation-accept');

    // Enter accepts (no pre-chat for this invitation); the focus moves into the pane's message field.
    await visitor.keyboard.press('Enter');
    await waitForFocus(visitor, 'beckon-input');
    await visitor.keyboard.type('Typed without a mouse');
    await visitor.keyboard.press('Enter');
    await widgetMessage(visitor, 'visitor', 'Typed without a mouse').waitFor({ state: 'visible' });

    // Tab reaches the Send button.
    await visitor.keyboard.press('Tab');
    expect(await focusedInWidget(visitor)).toBe('beckon-send');

    // Escape minimises and gives the focus back to the launcher; Enter there reopens the chat.
    await visitor.keyboard.press('Escape');
    await w.pane.waitFor({ state: 'hidden' });
    expect(await focusedInWidget(visitor)).toBe('beckon-launcher');
    await visitor.keyboard.press('Enter');
    await waitForFocus(visitor, 'beckon-input');
    expect(await widgetMessage(visitor, 'visitor', 'Typed without a mouse').isVisible()).toBe(true);
  });

  test('closing the invitation from the keyboard gives the focus to the launcher', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);

    await invite(visitor, 'Hello from the keyboard test');
    await waitForFocus(visitor, 'beckon-invitation-accept');
    await visitor.keyboard.press('Tab');
    expect(await focusedInWidget(visitor)).toBe('beckon-invitation-close');
    await visitor.keyboard.press('Enter');
    await w.invitation.waitFor({ state: 'hidden' });
    expect(await focusedInWidget(visitor)).toBe('beckon-launcher');
  });

  test('an invitation does not take the focus from a visitor busy on the page', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');
    await visitor.locator('a').first().focus();

    await invite(visitor, 'Not now');
    expect(await focusedInWidget(visitor)).toBeNull();
    expect(await visitor.evaluate(() => document.activeElement?.tagName)).toBe('A');
  });

  test('the invitation and messages are announced through live regions', async () => {
    const h = harness();
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    const announcer = visitor.locator('#beckon-root [data-testid=beckon-announcer]');

    // The status region exists before anything is shown, so its change is announced.
    expect(await announcer.getAttribute('role')).toBe('status');
    expect(normalize((await announcer.textContent()) ?? '')).toBe('');
    await invite(visitor, 'Announced invitation');
    expect(normalize((await announcer.textContent()) ?? '')).toBe('Announced invitation');

    await w.invitationAccept.click();
    await w.input.waitFor({ state: 'visible' });
    expect(normalize((await announcer.textContent()) ?? '')).toBe('');
    const log = visitor.locator('#beckon-root [role=log]');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    expect(await w.status.getAttribute('role')).toBe('status');
    await w.input.fill('Into the log');
    await w.send.click();
    await log.locator('[data-testid=beckon-message]', { hasText: 'Into the log' }).waitFor();
  });

  test('prefers-reduced-motion turns the animations off', async () => {
    const h = harness();
    const animationName = async (page: Page) => {
      await invite(page, 'Moving or not');
      await widgetAtRest(page);
      return widget(page).invitation.evaluate((element) => getComputedStyle(element).animationName);
    };

    expect(await animationName(await visitDemoPage(h, '/demo/index.html'))).not.toBe('none');
    const still = await visitWith(h, '/demo/index.html', { reducedMotion: 'reduce' });
    expect(await animationName(still)).toBe('none');
  });
});
