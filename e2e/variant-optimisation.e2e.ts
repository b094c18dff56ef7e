import { type ArmStats, posterior, rateDifference, Thompson } from '@beckon/rules';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type Harness, realDelay } from './harness.ts';
import { pageViolations } from './support/a11y.ts';
import { openScreen, signIn } from './support/console.ts';
import { useHarness } from './support/lifecycle.ts';
import { normalize, waitForText } from './support/wait.ts';

/**
 * An admin turns on optimise mode for the demo rule with a conversion event as its objective; simulated traffic
 * (invitations per variant and holdout, and the visitors' `purchase` events) goes into the store; the Analytics
 * screen shows each variant's posterior conversion rate, its 95 % interval and chance to be best, and the holdout
 * uplift of conversions — in English and in French, with no axe violation. Variant A's invitations are recorded as
 * smart (made with a ready acceptance model), B's as static: the funnel shows the two side by side, as a chart (with
 * its text alternative) and a table.
 */
describe('message optimisation in the console', () => {
  const harness = useHarness();
  const HOUR = 3_600_000;
  /** Shown and converted per variant, and the holdout's visitors and buyers. */
  const traffic = {
    A: { shown: 40, bought: 12 },
    B: { shown: 40, bought: 4 },
    holdout: { shown: 10, bought: 1 },
  };

  async function feedTraffic(h: Harness, ruleId: string, widgetId: string): Promise<void> {
    const at = h.clock.now() - 2 * HOUR;
    for (const [variant, { shown, bought }] of Object.entries(traffic)) {
      for (let i = 0; i < shown; i++) {
        const visitorId = `sim_${variant}_${i}`;
        await h.store.createVisitor({
          id: visitorId,
          widgetId,
          createdAt: at,
          lastSeenAt: at,
          visitCount: 1,
          visitStartedAt: at,
        });
        const held = variant === 'holdout';
        await h.store.createInvitation({
          id: `inv_${visitorId}`,
          widgetId,
          visitorId,
          ruleId,
          ruleName: 'Pricing page',
          source: 'rule',
          message: `Hi ${variant}`,
          showPrechat: false,
          status: held ? 'held' : 'dismissed',
          createdAt: at,
          expiresAt: at + 60_000,
          closedAt: at + 1_000,
          variant,
          ...(variant === 'A' && { smart: true }),
        });
        if (i < bought)
          await h.store.addVisitEvent({
            id: `evt_${visitorId}`,
            visitorId,
            visitStartedAt: at,
            name: 'purchase',
            at: at + HOUR,
          });
      }
    }
  }

  /** What the report must say, computed from the same counts with the rules package. */
  function expected(format: (rate: number) => string) {
    const arms: ArmStats[] = (['A', 'B'] as const).map((id) => ({
      variantId: id,
      shown: traffic[id].shown,
      successes: traffic[id].bought,
    }));
    const best = new Thompson(1).probabilityBest(arms, 10_000);
    return arms.map((arm) => {
      const p = posterior(arm);
      return {
        variant: arm.variantId,
        interval: `${format(p.mean)} (${format(p.low)} – ${format(p.high)})`,
        best: format(best.get(arm.variantId) ?? 0),
      };
    });
  }

  async function readReport(page: Page) {
    const report = page.locator('[data-testid=variants-report]').first();
    for (let attempt = 0; attempt < 20 && !(await report.isVisible()); attempt++) {
      await page.locator('[data-testid=refresh-funnel]').click();
      await report.waitFor({ state: 'visible', timeout: 1_000 }).catch(() => {});
    }
    const rows = report.locator('[data-testid=variant-posterior]');
    return {
      report,
      rows: await rows.evaluateAll((trs) =>
        trs.map((tr) => ({
          variant: tr.getAttribute('data-variant'),
          interval: tr.querySelector('[data-testid=variant-interval]')?.textContent ?? '',
          best: tr.querySelector('[data-testid=variant-best]')?.textContent ?? '',
        })),
      ),
    };
  }

  /** The widget's smart against static table: each row's two cells (smart, static), by row. */
  async function readSplit(page: Page) {
    const table = page.locator('[data-testid=smart-split-summary] [data-testid=smart-split]');
    await table.waitFor({ state: 'visible' });
    return table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        Object.fromEntries(
          trs.map((tr) => [
            tr.getAttribute('data-row'),
            [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s/g, ' ') ?? ''),
          ]),
        ),
      );
  }

  /** The widget's smart against static chart: its text alternative, legend, share axis and the tooltip of a group. */
  async function readSplitChart(page: Page, group: number, expected: string) {
    const summary = page.locator('[data-testid=smart-split-summary]');
    const chart = summary.locator('[data-testid=smart-split-chart]');
    await chart.waitFor({ state: 'visible' });
    // The pointer only hovers what is on screen; the chart is redrawn when a fetch answers, so hover until it shows.
    const tooltip = chart.locator('[data-testid=smart-split-tooltip]');
    const deadline = Date.now() + 10_000;
    for (let y = 0.4; !normalize((await tooltip.textContent().catch(() => '')) ?? '').includes(expected); ) {
      if (Date.now() > deadline) throw new Error(`the smart split tooltip never showed ${expected}`);
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.locator('.u-over').boundingBox();
      await page.mouse.move(box!.x + (box!.width * (2 * group + 1)) / 8, box!.y + box!.height * y);
      y = y === 0.4 ? 0.6 : 0.4;
      await realDelay(100);
    }
    return {
      label: normalize((await chart.getAttribute('aria-label')) ?? ''),
      legend: (await summary.locator('[data-testid=smart-split-legend] li').allTextContents()).map(normalize),
      axis: await chart.getAttribute('data-count-axis'),
      tooltip: normalize((await tooltip.textContent()) ?? ''),
    };
  }

  test('turned on in the rule editor, fed traffic, the report shows posteriors, chance to be best and uplift', async () => {
    const h = harness();
    const admin = await signIn(h, 'admin@beckon.local');
    await openScreen(admin, 'Rules');
    await admin.locator('[data-testid=rule-item]').first().click();
    const editor = admin.locator('[data-testid=rule-editor]');
    const split = editor.locator('[data-testid=split-editor]');
    await split.locator('input[name=rule-holdout]').fill('10');
    await split.locator('[data-testid=add-variant]').click();
    await split.locator('[data-testid=add-variant]').click();
    const texts = split.locator('input[name=variant-text]');
    await texts.nth(0).fill('Questions about plans?');
    await texts.nth(1).fill('Want a hand choosing a plan?');
    await split.getByRole('checkbox', { name: /^Optimise/ }).check();
    await split.getByRole('combobox', { name: 'Objective', exact: true }).selectOption('event');
    await split.getByLabel('Event name (as in Beckon.track)').fill('purchase');
    await split.getByLabel('Counts within (hours after the invitation)').fill('24');
    expect(await pageViolations(admin)).toEqual([]);
    await editor.locator('[data-testid=save-rule]').click();
    await waitForText(editor.locator('[data-testid=rule-save-status]'), 'Saved.');

    const demo = await h.store.getWidgetByKey('demo');
    const [rule] = await h.store.listRules(demo!.id);
    expect(rule?.split).toMatchObject({
      holdoutPercent: 10,
      optimise: true,
      objective: { kind: 'event', event: 'purchase', windowHours: 24 },
    });
    await feedTraffic(h, rule!.id, demo!.id);

    await openScreen(admin, 'Analytics');
    const percent = new Intl.NumberFormat('en-GB', {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const { report, rows } = await readReport(admin);
    expect(rows).toEqual(expected((rate) => percent.format(rate)));
    expect(normalize((await report.locator('[data-testid=variants-objective]').textContent()) ?? '')).toBe(
      'Objective: “purchase” tracked within 24 h of the invitation.',
    );
    await expect(
      report.getByRole('columnheader', { name: 'Conversion rate (95 % interval)' }).count(),
    ).resolves.toBe(1);
    await expect(report.getByRole('columnheader', { name: 'Chance to be best' }).count()).resolves.toBe(1);
    // 16 of 80 invited visitors bought against 1 of 10 held: the uplift of conversions, with its interval.
    const lift = rateDifference({ x: 16, n: 80 }, { x: 1, n: 10 })!;
    const points = (rate: number) =>
      (rate * 100).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const uplift = normalize((await report.locator('[data-testid=variants-uplift]').textContent()) ?? '');
    expect(uplift).toBe(
      `Uplift against the holdout (conversion rate): ${points(lift.difference)} points (95 % interval ${points(lift.low)} to ${points(lift.high)}). Invited: 16 of 80 visitors; holdout: 1 of 10.`,
    );
    // Smart (A: 40 shown, all dismissed) and static (B: 40 shown, all dismissed) side by side; the held ones in neither.
    expect(await readSplit(admin)).toEqual({
      shown: ['40', '40'],
      accepted: ['0', '0'],
      dismissed: ['40', '40'],
      expired: ['0', '0'],
      chats: ['0', '0'],
      acceptanceRate: [percent.format(0), percent.format(0)],
    });
    await expect(
      admin.getByRole('columnheader', { name: 'Smart', exact: true }).count(),
    ).resolves.toBeGreaterThan(0);
    // The same split drawn: what became of each side's shown invitations, as shares; hovering "Dismissed" reads both.
    const shares = (side: string, format: (rate: number) => string, names: string[], dismissed: number) =>
      `${side}: ${names.map((name, index) => `${name} ${format(index === 1 ? dismissed : 0)}`).join(', ')}`;
    const outcomes = ['Accepted', 'Dismissed', 'Expired', 'Chats taken by an agent'];
    const chart = await readSplitChart(admin, 1, 'Smart (40 shown)');
    expect(chart).toEqual({
      label: `What became of the shown invitations, smart against static: all rules. ${shares('Smart (40 shown)', percent.format, outcomes, 1)}; ${shares('Static (40 shown)', percent.format, outcomes, 1)}`,
      legend: ['Smart (40 shown)', 'Static (40 shown)'],
      axis: '0-1',
      tooltip: `DismissedSmart (40 shown): ${percent.format(1)}Static (40 shown): ${percent.format(1)}`,
    });
    expect(await pageViolations(admin)).toEqual([]);

    // The same report in French.
    const french = await signIn(h, 'admin@beckon.local', { locale: 'fr-FR' });
    await openScreen(french, 'Statistiques');
    const pourcent = new Intl.NumberFormat('fr-FR', {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const fr = await readReport(french);
    expect(
      fr.rows.map((row) => ({ ...row, interval: normalize(row.interval), best: normalize(row.best) })),
    ).toEqual(expected((rate) => normalize(pourcent.format(rate))));
    expect(normalize((await fr.report.locator('[data-testid=variants-objective]').textContent()) ?? '')).toBe(
      'Objectif : « purchase » suivi dans les 24 h après l’invitation.',
    );
    await expect(
      fr.report.getByRole('columnheader', { name: 'Taux de conversion (intervalle à 95 %)' }).count(),
    ).resolves.toBe(1);
    await expect(
      fr.report.getByRole('columnheader', { name: 'Chance d’être la meilleure' }).count(),
    ).resolves.toBe(1);
    expect(
      normalize((await fr.report.locator('[data-testid=variants-uplift]').textContent()) ?? ''),
    ).toContain('Gain face au groupe témoin (taux de conversion)');
    const frSplit = await readSplit(french);
    expect(frSplit.shown).toEqual(['40', '40']);
    expect(frSplit.acceptanceRate?.map(normalize)).toEqual([
      normalize(pourcent.format(0)),
      normalize(pourcent.format(0)),
    ]);
    await expect(
      french.getByRole('columnheader', { name: 'Intelligentes', exact: true }).count(),
    ).resolves.toBeGreaterThan(0);
    const frChart = await readSplitChart(french, 1, 'Intelligentes (40 affichées)');
    const frOutcomes = ['Acceptées', 'Refusées', 'Expirées', 'Discussions prises par un agent'];
    const frFormat = (rate: number) => normalize(pourcent.format(rate));
    expect(frChart.label).toBe(
      normalize(
        `Ce que sont devenues les invitations affichées, intelligentes contre statiques : toutes les règles. ${shares('Intelligentes (40 affichées)', frFormat, frOutcomes, 1)}; ${shares('Statiques (40 affichées)', frFormat, frOutcomes, 1)}`,
      ),
    );
    expect(frChart.legend).toEqual(['Intelligentes (40 affichées)', 'Statiques (40 affichées)']);
    expect(await pageViolations(french)).toEqual([]);
  }, 150_000);
});
