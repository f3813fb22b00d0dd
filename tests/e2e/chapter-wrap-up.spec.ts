import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { bet, consoleErrors, counter, expectNoAxeViolations, experiment, hydrated, knob, PATIENT, screenshotDir, task } from './support/chapter.ts';
import { scrollThrough } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';

// Chapter 11: the levers and the checklist, meant to be printed on two pages, then a final
// challenge (an experiment, a bet and a task) that shows on screen only.
const PATH = '/chapters/wrap-up/';
const ID = 'challenge';
const SHOTS = screenshotDir('chapter-wrap-up');
const BET = 'one-big-step';
const TASK = 'final-challenge';

/** Pages in a PDF: its page objects, "/Type /Page" (not "/Pages", the tree that holds them). */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

test.describe.configure({ timeout: 120_000 });

test.describe('the wrap-up', () => {
  test('loads without console errors, and its links back into the chapters lead to experiments', async ({ page }) => {
    const errors = consoleErrors(page);
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Wrap-up' })).toBeVisible();
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 1 bet placed');
    await experiment(page, ID);
    // Every link into an experiment (#<id>-title) names one that exists on its page.
    const anchors = await page.locator('main a[href*="-title"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(anchors.length).toBeGreaterThan(3);
    for (const href of new Set(anchors)) {
      const [path, id] = href.split('#') as [string, string];
      await page.goto(path);
      await expect(page.locator(`[id="${id}"]`), href).toHaveCount(1);
    }
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('fits on two A4 pages, without navigation or the challenge, with its links written out', async ({ page }) => {
    await page.goto(PATH);
    await expect(page.getByTestId('print-page')).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.header')).toBeHidden();
    await expect(page.getByTestId('print-page')).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Final challenge' })).toBeHidden();
    await expect(page.getByRole('heading', { name: 'The levers' })).toBeVisible();
    const after = await page
      .locator('.sl-markdown-content a[href^="/chapters/filtering/"]')
      .first()
      .evaluate((a) => getComputedStyle(a, '::after').content);
    expect(after).toContain('/chapters/filtering/');
    const pages = pageCount(await page.pdf({ format: 'A4' }));
    expect(pages).toBeGreaterThan(0);
    expect(pages, `the wrap-up prints on ${pages} pages`).toBeLessThanOrEqual(2);
  });

  test('the bet shows the timeout trap, and is kept across a reload', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(bet(page, BET));
    await widget.getByRole('radio', { name: /keeps up/ }).check();
    await widget.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    await expect(widget.getByTestId('bet-verdict')).toContainText('The answer: fall.');
    await page.reload();
    await expect(await hydrated(bet(page, BET))).toHaveAttribute('data-state', 'wrong');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 1 bet placed (0 right)');
  });

  test('the challenge is not met at the start, nor by the dear way, and is met by batches, lanes and a window', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(task(page, TASK));
    const root = await experiment(page, ID);
    await expect(widget).toHaveAttribute('data-done', 'false');
    // Ten lanes of 100 records keep up, but over the budget.
    await knob(root, 'ParallelizationFactor').fill('10');
    await knob(root, 'BatchSize').fill('100');
    await expect(widget.getByTestId('task-checks')).toContainText('$280.90', PATIENT);
    await expect(widget).toHaveAttribute('data-done', 'false');
    await knob(root, 'ParallelizationFactor').fill('4');
    await knob(root, 'BatchSize').fill('500');
    await knob(root, 'MaximumBatchingWindowInSeconds').fill('1');
    await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
    await page.reload();
    await expect(await hydrated(task(page, TASK))).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 1 bet placed');
  });

  for (const theme of THEMES) {
    test(`axe finds no violations in the ${theme} theme`, async ({ page }) => {
      await gotoInTheme(page, PATH, theme);
      await experiment(page, ID);
      await hydrated(bet(page, BET));
      await hydrated(task(page, TASK));
      await expectNoAxeViolations(page, `the wrap-up (${theme})`);
    });
  }

  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      test(`screenshots at ${width} px in the ${theme} theme`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, PATH, theme);
        await page.screenshot({ path: join(SHOTS, `top-${theme}-${width}.png`) });
        await experiment(page, ID);
        await scrollThrough(page);
        await page.screenshot({ path: join(SHOTS, `page-${theme}-${width}.png`), fullPage: true });
      });
    }
  }
});
