import type { OperatingHours } from '@beckon/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { realDelay } from './harness.ts';
import { widgetViolations } from './support/a11y.ts';
import { accounts, openScreen, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitWith } from './support/visit-with.ts';
import { visitDemoPage, widget } from './support/visitor.ts';
import { isShown, normalize, waitForText } from './support/wait.ts';

/**
 * Operating hours: outside them the widget shows the offline message instead of starting a chat, no
 * rule invites, and `getAgentAvailability()` says when the widget opens.
 */
describe('operating hours', () => {
  const harness = useHarness();

  /** Open only two days from today (UTC), so "now" is outside hours whatever time the test runs. */
  function closedNow(offlineMessage?: string): OperatingHours {
    const day = (new Date(harness().clock.now()).getUTCDay() + 2) % 7;
    const hours: OperatingHours = { timeZone: 'UTC', periods: [{ day, start: '09:00', end: '17:00' }] };
    if (offlineMessage) hours.offlineMessage = offlineMessage;
    return hours;
  }

  async function setHours(hours: OperatingHours | null): Promise<void> {
    const row = await harness().store.getWidgetByKey('demo');
    if (!row) throw new Error('no demo widget');
    await harness().store.updateWidget({ ...row, operatingHours: hours });
  }

  afterEach(async () => {
    await setHours(null);
  });

  test('outside hours: the offline message instead of a chat, no invitation, availability says when', async () => {
    const h = harness();
    await setHours(closedNow('Our team is away. We answer on weekdays.'));
    const visitor = await visitDemoPage(h, '/demo/pricing.html');
    const w = widget(visitor);

    await w.launcher.click();
    const offline = visitor.locator('#beckon-root [data-testid=beckon-offline]');
    await waitForText(offline, 'Our team is away. We answer on weekdays.');
    // When it opens, in the visitor's own time zone and language (e.g. "We are back Thursday 9:00 AM.").
    expect(normalize((await offline.textContent()) ?? '')).toMatch(/We are back \w+day \d{1,2}:\d{2}/);
    expect(await isShown(w.input)).toBe(false);
    expect(await isShown(w.prechat)).toBe(false);
    expect(await widgetViolations(visitor)).toEqual([]);

    // 30 s on the pricing page would fire the seeded rule; the operating-hours gate holds it.
    await h.advance(31_000);
    expect(await isShown(w.invitation)).toBe(false);

    const availability = await visitor.evaluate(() => window.Beckon?.getAgentAvailability());
    expect(availability).toMatchObject({
      isQueueAvailable: false,
      isAgentAvailable: false,
      positionInQueue: 0,
    });
    expect(String(availability?.startTimeOfNextOperatingHour)).toMatch(/T09:00:00\.000Z$/);
    expect(String(availability?.endTimeOfNextOperatingHour)).toMatch(/T17:00:00\.000Z$/);
  });

  test('the default offline text is in French for a French visitor', async () => {
    const h = harness();
    await setHours(closedNow());
    const visitor = await visitWith(h, '/demo/index.html', { locale: 'fr-FR' });
    await widget(visitor).launcher.click();
    await waitForText(
      visitor.locator('#beckon-root [data-testid=beckon-offline]'),
      'Nous sommes absents pour le moment.',
    );
  });

  test('an admin sets the hours and the offline message in the console; the widget follows', async () => {
    const h = harness();
    const admin = await signIn(h, accounts.admin.email);
    await openScreen(admin, 'Widgets');
    const hoursToggle = admin.locator('[data-testid=hours-toggle]');
    await hoursToggle.or(admin.getByText('Demo shop').first()).first().waitFor({ state: 'visible' });
    if (!(await hoursToggle.isVisible())) await admin.getByText('Demo shop').first().click();
    await hoursToggle.setChecked(true);
    const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][
      (new Date(h.clock.now()).getUTCDay() + 2) % 7
    ];
    await admin.locator('[data-testid=hours-timezone]').selectOption('UTC');
    await admin.locator('[data-testid=hours-periods]').fill(`${day} 09:00-12:00\n${day} 13:00-17:30`);
    await admin.locator('[data-testid=hours-offline-message]').fill('Closed today, sorry.');
    await admin.locator('[data-testid=save-widget]').click();
    await admin.locator('[data-testid=save-status]').waitFor({ state: 'visible' });

    const deadline = Date.now() + 10_000;
    let saved = await h.store.getWidgetByKey('demo');
    while (!saved?.operatingHours) {
      if (Date.now() > deadline) throw new Error('the server never stored the operating hours');
      await realDelay(100);
      saved = await h.store.getWidgetByKey('demo');
    }
    expect(saved.operatingHours.periods.map((p) => `${p.start}-${p.end}`)).toEqual([
      '09:00-12:00',
      '13:00-17:30',
    ]);

    const visitor = await visitDemoPage(h, '/demo/index.html');
    await widget(visitor).launcher.click();
    await waitForText(visitor.locator('#beckon-root [data-testid=beckon-offline]'), 'Closed today, sorry.');
  });
});
