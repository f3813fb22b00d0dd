import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { bet, consoleErrors, counter, expectNoAxeViolations, experiment, hydrated, knob, PATIENT, screenshotDir, task } from './support/chapter.ts';
import { scrollThrough } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';

// Chapter 4: the four throughput levers on one workload, their gains quoted from the engine,
// a bet on combining two levers and a task to keep up for the least money.
const PATH = '/chapters/throughput/';
const ID = 'levers';
const SHOTS = screenshotDir('chapter-throughput');
const BET = 'levers-together';
const TASK = 'keep-up-for-less';
/** The chapter's table of the four levers (charts have data tables of their own). */
const leversTable = (page: Page) => page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Records a second (gain)' }) });

test.describe.configure({ timeout: 120_000 });

test.describe('the throughput chapter', () => {
  test('loads without console errors, quotes the talk’s gains from the engine, and the experiment runs', async ({ page }) => {
    const errors = consoleErrors(page);
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Improving throughput' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Coming soon');
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 1 bet placed');
    const table = leversTable(page);
    await expect(table.getByRole('row', { name: /Shorter duration/ })).toContainText('×8');
    await expect(table.getByRole('row', { name: /Batch records/ })).toContainText('×32');
    await expect(table.getByRole('row', { name: /Process in parallel/ })).toContainText('×10');

    const root = await experiment(page, ID);
    const processed = root.getByTestId('experiment-outcomes');
    const start = await processed.innerText();
    await knob(root, 'ParallelizationFactor').fill('10');
    await expect(root.getByTestId('knob-ParallelizationFactor')).toContainText('10');
    await expect.poll(async () => (await processed.innerText()) !== start, PATIENT).toBe(true);
    await scrollThrough(page);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('the bet is locked in, revealed and kept across a reload', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(bet(page, BET));
    await widget.getByRole('radio', { name: /gains add up/ }).check();
    await widget.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    await expect(widget.getByTestId('bet-verdict')).toContainText('The answer: grow about tenfold');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 1 bet placed (0 right)');
    await page.reload();
    const again = await hydrated(bet(page, BET));
    await expect(again).toHaveAttribute('data-state', 'wrong');
    await again.getByRole('button', { name: 'Try again' }).click();
    await again.getByRole('radio', { name: /multiply/ }).check();
    await again.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(again).toHaveAttribute('data-state', 'right');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 1 bet placed (1 right)');
  });

  test('the task is not done at the start, nor by the dearer levers, and is done by big batches', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(task(page, TASK));
    const root = await experiment(page, ID);
    await expect(widget).toHaveAttribute('data-done', 'false');

    // Ten lanes of 100-record batches keep up, but cost more than the budget.
    await knob(root, 'ParallelizationFactor').fill('10');
    await knob(root, 'BatchSize').fill('100');
    await expect(widget.getByTestId('task-checks')).toContainText('$95.63', PATIENT);
    await expect(widget).toHaveAttribute('data-done', 'false');

    await knob(root, 'ParallelizationFactor').fill('1');
    await knob(root, 'BatchSize').fill('1000');
    await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 1 bet placed');
    await page.reload();
    await expect(await hydrated(task(page, TASK))).toHaveAttribute('data-done', 'true');
  });

  for (const theme of THEMES) {
    test(`axe finds no violations, before and after the reader acts, in the ${theme} theme`, async ({ page }) => {
      await gotoInTheme(page, PATH, theme);
      const root = await experiment(page, ID);
      await hydrated(bet(page, BET));
      await hydrated(task(page, TASK));
      await expectNoAxeViolations(page, `at the start (${theme})`);
      await knob(root, 'BatchSize').fill('1000');
      await expect(task(page, TASK)).toHaveAttribute('data-done', 'true', PATIENT);
      await bet(page, BET).getByRole('radio', { name: /multiply/ }).check();
      await bet(page, BET).getByRole('button', { name: 'Lock in my bet' }).click();
      await expectNoAxeViolations(page, `with the task done and the bet revealed (${theme})`, [
        `[data-experiment="${ID}"]`,
        '[data-testid="bet"]',
        '[data-testid="task"]',
        'main table:has(th)',
      ]);
    });
  }

  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      test(`screenshots at ${width} px in the ${theme} theme`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, PATH, theme);
        await page.screenshot({ path: join(SHOTS, `top-${theme}-${width}.png`) });
        await leversTable(page).screenshot({ path: join(SHOTS, `levers-${theme}-${width}.png`) });
        const root = await experiment(page, ID);
        await knob(root, 'BatchSize').fill('1000');
        await expect(task(page, TASK)).toHaveAttribute('data-done', 'true', PATIENT);
        await root.screenshot({ path: join(SHOTS, `experiment-${theme}-${width}.png`) });
        await task(page, TASK).screenshot({ path: join(SHOTS, `task-${theme}-${width}.png`) });
        await scrollThrough(page);
        await page.screenshot({ path: join(SHOTS, `page-${theme}-${width}.png`), fullPage: true });
      });
    }
  }
});
