import { clamdAvailable, eicar, startTestClamd, type TestClamd } from '@beckon/test-kit/clamd';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pageViolations, widgetViolations } from './support/a11y.ts';
import { accounts, signInAvailable } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage, widget } from './support/visitor.ts';
import { normalize, waitForText } from './support/wait.ts';

// A real clamd with a one-signature database (EICAR); on CI it must be installed, elsewhere its absence skips.
const run = clamdAvailable();

/**
 * The installation scans files with ClamAV: the visitor's EICAR test file is refused in words in the widget, the
 * agent's in the console, and a clean file still goes through; both screens stay axe-clean.
 */
describe.skipIf(!run)('files scanned by the antivirus', () => {
  let clamd: TestClamd | undefined;
  // Registered before the harness's hooks, so the daemon is up when the node reads BECKON_CLAMAV.
  beforeAll(async () => {
    clamd = await startTestClamd();
  });
  afterAll(async () => {
    await clamd?.stop();
  });
  const harness = useHarness(() => ({ env: { BECKON_CLAMAV: clamd!.socketPath } }));

  test("a visitor's and an agent's EICAR file are refused with a message; a clean file is sent", async () => {
    const h = harness();
    const agent = await signInAvailable(h, accounts.agent.email);
    const visitor = await visitDemoPage(h, '/demo/index.html');
    const w = widget(visitor);
    await w.launcher.click();
    await w.prechat.waitFor({ state: 'visible' });
    await w.prechatName.fill('Zoé');
    await w.prechatSubmit.click();
    await agent.locator('[data-testid=offer-accept]').click();
    await agent.locator('[data-testid=composer]').waitFor({ state: 'visible' });

    const send = async (name: string, text: string) => {
      const chooser = visitor.waitForEvent('filechooser');
      await w.root.locator('[data-testid=beckon-attach-button]').click();
      await (await chooser).setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text, 'latin1') });
      await w.root.locator('[data-testid=beckon-attach-send]').click();
    };
    await send('invoice.txt', eicar);
    await waitForText(
      w.root.locator('[data-testid=beckon-attach-error]'),
      'This file was blocked by a virus check and was not sent.',
    );
    expect(await widgetViolations(visitor)).toEqual([]);
    await w.root.locator('[data-testid=beckon-attach-error] ~ button', { hasText: 'Dismiss' }).click();

    await send('order.txt', 'My order number is 1234.\n');
    await agent
      .locator('[data-testid=message][data-author=visitor] [data-testid=attachment]', {
        hasText: 'order.txt',
      })
      .waitFor({ state: 'visible', timeout: 10_000 });
    // The flagged file never reached the agent.
    expect(await agent.locator('[data-testid=attachment]', { hasText: 'invoice.txt' }).count()).toBe(0);

    const chooser = agent.waitForEvent('filechooser');
    await agent.locator('[data-testid=attach]').click();
    await (await chooser).setFiles({
      name: 'tool.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(eicar, 'latin1'),
    });
    const problem = agent.locator('[data-testid=attach-error]');
    await problem.waitFor({ state: 'visible', timeout: 10_000 });
    expect(normalize((await problem.textContent()) ?? '')).toBe(
      'tool.txt was not sent: the antivirus flagged this file; it is quarantined and was not sent.',
    );
    expect(await pageViolations(agent)).toEqual([]);
  }, 150_000);
});
