import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demoPassword, type Harness } from './harness.ts';
import { openScreen } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { waitForText } from './support/wait.ts';

/**
 * The rule editor's conditions are built from the condition descriptors: every input kind renders as a
 * labelled control, the editor is axe-clean and usable from the keyboard, in English and in French, and the
 * saved-form mechanism reports problems in words.
 */

async function openRuleEditor(h: Harness, locale: string): Promise<Page> {
  const context = await h.newContext({ locale });
  const page = await context.newPage();
  await page.goto(`${h.origin}/console/`);
  await page.locator('input[name=email]').fill('admin@beckon.local');
  await page.locator('input[name=password]').fill(demoPassword);
  await page.locator('[data-testid=login-submit]').click();
  await openScreen(page, locale.startsWith('fr') ? 'Règles' : 'Rules');
  await page.locator('[data-testid=rule-item]').first().click();
  await page.locator('[data-testid=rule-editor]').waitFor({ state: 'visible' });
  return page;
}

async function editorViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include('[data-testid=rule-editor]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
}

/** One condition of each input kind: number with unit, URL pattern, list, lines, choices, time window… */
const kinds = [
  'Execution window',
  'Device type',
  'Context variable',
  'URL funnel (pages in order)',
  'Custom event (Beckon.track)',
  'Signed in',
  'Country',
  'Exit intent',
];
const kindsFr = [
  'Plage horaire',
  'Type d’appareil',
  'Variable de contexte',
  'Parcours d’URL (pages dans l’ordre)',
];

describe('condition editor', () => {
  const harness = useHarness();

  test('every input kind is a labelled control, axe-clean, driven by keyboard; saved and summarised', async () => {
    const h = harness();
    const page = await openRuleEditor(h, 'en-US');
    const editor = page.locator('[data-testid=rule-editor]');
    for (const label of kinds) {
      await editor.getByRole('button', { name: 'Add condition' }).first().click();
      await editor.getByLabel('Condition', { exact: true }).last().selectOption({ label });
    }
    // Keyboard: the last "Add condition" button takes Enter, and the new row's type select takes arrow keys.
    await editor.getByRole('button', { name: 'Add condition' }).first().focus();
    await page.keyboard.press('Enter');
    const rows = editor.locator('[data-testid=condition-row]');
    const last = rows.last();
    await last.getByLabel('URL', { exact: true }).fill('/checkout');
    expect(await last.getByLabel('Operator').inputValue()).toBe('contains');

    await editor.getByLabel('Seconds (s)').first().fill('45');
    await editor.getByLabel('Time zone').fill('Europe/Paris');
    await editor.getByLabel('Variable', { exact: true }).fill('plan');
    await editor.getByLabel('Steps, one URL pattern per line, in order').fill('/product/*\n/cart');
    await editor.getByLabel('Event name').fill('added_to_cart');
    await editor.getByLabel('Countries (ISO codes, comma-separated)').fill('fr, be');
    expect(await editorViolations(page)).toEqual([]);

    await editor.locator('[data-testid=save-rule]').click();
    await waitForText(editor.locator('[data-testid=rule-save-status]'), 'Saved.');
    const summary = page.locator('[data-testid=rule-item]').first();
    await waitForText(summary, 'time on page ≥ 45 s');
    await waitForText(summary, 'country in [FR, BE]');
    await waitForText(summary, "page path contains '/checkout'");

    // The saved-form mechanism: a problem in words on the field's name, not zod's text.
    await editor.locator('input[name=rule-name]').fill('');
    await editor.locator('[data-testid=save-rule]').click();
    const errors = await waitForText(editor.locator('[data-testid=rule-errors]'), 'Name: Required.');
    expect(errors).not.toMatch(/Too small|expected string/);
    expect(await editor.locator('input[name=rule-name]').getAttribute('aria-invalid')).toBe('true');
  });

  test('in French: the editor speaks French and stays axe-clean', async () => {
    const h = harness();
    const page = await openRuleEditor(h, 'fr-FR');
    const editor = page.locator('[data-testid=rule-editor]');
    for (const label of kindsFr) {
      await editor.getByRole('button', { name: 'Ajouter une condition' }).first().click();
      await editor.getByLabel('Condition', { exact: true }).last().selectOption({ label });
    }
    await editor.getByLabel('Fuseau horaire').last().waitFor({ state: 'visible' });
    expect(await editor.locator('[data-testid=condition-group]').first().getAttribute('lang')).toBe('fr');
    expect(await editorViolations(page)).toEqual([]);
    await editor.locator('input[name=rule-name]').fill('');
    await editor.locator('[data-testid=save-rule]').click();
    await waitForText(editor.locator('[data-testid=rule-errors]'), 'Nom : Obligatoire.');
  });
});
