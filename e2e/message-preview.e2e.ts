import { describe, expect, test } from 'vitest';
import { openScreen, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { visitDemoPage } from './support/visitor.ts';
import { normalize, waitForText } from './support/wait.ts';

/**
 * Personalised rule messages in the rule editor: a message with a typo'd variable is refused on save with where
 * the fault is; the preview fills the variables in for a visitor described by hand and for one on the site now.
 */
describe('message preview in the rule editor', () => {
  const harness = useHarness();

  test('refuses an unknown variable, previews for a typed and for a live visitor', async () => {
    const h = harness();
    await visitDemoPage(h, '/demo/pricing.html');
    const admin = await signIn(h, 'admin@beckon.local');
    await openScreen(admin, 'Rules');
    await admin.locator('[data-testid=rule-item]').first().click();
    const editor = admin.locator('[data-testid=rule-editor]');
    const message = editor.locator('textarea[name=rule-message]');

    await message.fill('Hi {{customer.frstName}}');
    await editor.locator('[data-testid=save-rule]').click();
    await waitForText(
      editor.locator('[data-testid=rule-errors]'),
      'Unknown variable “customer.frstName” at character 4',
    );

    await message.fill(
      'Hi {{visitor.firstName | there}}, about {{page.title | our plans}}? {{context.plan}}',
    );
    const preview = editor.locator('[data-testid=message-preview]');
    await preview.getByLabel('Name').fill('Alice Martin');
    await preview.getByLabel('Page title').fill('Pricing');
    await preview.locator('[data-testid=message-preview-run]').click();
    const result = preview.locator('[data-testid=message-preview-result]');
    await waitForText(result, 'Hi Alice, about Pricing?');

    // The visitor on the demo's pricing page: their page title and their page's context (the demo's plan).
    const live = preview.locator('[data-testid=message-preview-visitor]');
    await live.locator('option').nth(1).waitFor({ state: 'attached', timeout: 10_000 });
    await live.selectOption({ index: 1 });
    await preview.locator('[data-testid=message-preview-run]').click();
    await waitForText(result, 'Pro trial');
    expect(normalize((await result.textContent()) ?? '')).toMatch(
      /^They would read: “?Hi there, about .+\? Pro trial”?$/,
    );
  }, 120_000);
});
