import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { scrollThrough } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';
import { counter, expectNoAxeViolations, experiment as experimentById, hydrated, PATIENT } from './support/chapter.ts';

// The filtering chapter's widgets: the in-code-or-mapping experiment, its bet and its task,
// driven as a reader would. The playground itself is covered by filtering.spec.ts.
const PATH = '/chapters/filtering/';
const EXPERIMENT = 'in-code-or-mapping';
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots', 'chapter-filtering');

/** Waits until the chapter's experiment has hydrated (and has its first result). */
const experiment = (page: Page): Promise<Locator> => experimentById(page, EXPERIMENT);

const bet = (page: Page) => page.locator('[data-testid="bet"][data-bet="bill-with-filter"]');
const task = (page: Page) => page.locator('[data-testid="task"][data-task="filter-in-the-mapping"]');
const filterKnob = (root: Locator) => root.getByTestId('knobs-a').getByRole('slider', { name: /^Filter in the mapping/ });
const batchSize = (root: Locator) => root.getByTestId('knobs-a').getByRole('slider', { name: /^BatchSize/ });

test.describe('the filtering chapter', () => {
  // The machine running the tests may be busy: each test gets room for a few engine runs.
  test.describe.configure({ timeout: 120_000 });

  test('loads without console errors, and its experiment hydrates and runs', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Filtering' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Coming soon');
    await expect(page.locator('main')).toContainText('After this chapter you can');
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 1 bet placed');
    const root = await experiment(page);
    for (const chart of ['Invocations', 'FilteredOutEventCount', 'Duration']) await expect(root.getByTestId(`chart-${chart}`)).toBeVisible();
    await expect(root.getByTestId('knob-filterInMapping')).toHaveText('off: every record reaches the code');
    const before = await root.getByTestId('experiment-outcomes').innerText();
    await filterKnob(root).fill('1');
    await expect(root.getByTestId('knob-filterInMapping')).toHaveText('on: FilterCriteria holds the code’s check');
    await expect.poll(() => root.getByTestId('experiment-outcomes').innerText(), PATIENT).not.toBe(before);
    await expect(root.getByTestId('experiment-outcomes')).toContainText('$42.64');
    await scrollThrough(page);
    await page.waitForLoadState('networkidle');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('the bet is locked in, revealed with its reason and kept across a reload', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(bet(page));
    await widget.getByRole('radio', { name: /about 2% of what it was/ }).check();
    await widget.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    await expect(widget.getByTestId('bet-verdict')).toContainText('The answer: fall to about a fifth of what it was.');
    await expect(widget.getByTestId('bet-explanation')).toContainText('$220.64');
    await expect(widget.getByTestId('bet-explanation')).toContainText('$42.64');
    await expect(widget).toContainText('part does not move at all.');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 1 bet placed (0 right)');

    await page.reload();
    const again = await hydrated(bet(page));
    await expect(again).toHaveAttribute('data-state', 'wrong');
    await again.getByRole('button', { name: 'Try again' }).click();
    await again.getByRole('radio', { name: /about a fifth/ }).check();
    await again.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(again).toHaveAttribute('data-state', 'right');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 1 bet placed (1 right)');
  });

  test('the task is not done by doing nothing, nor by batching alone, and is done by filtering in the mapping', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(task(page));
    const root = await experiment(page);
    await expect(widget).toHaveAttribute('data-done', 'false');
    await expect(widget.getByTestId('task-state')).toHaveText('Change the experiment above; each run is checked against these conditions.');

    // Batching cuts the requests, but the code still spends its time on every record.
    await batchSize(root).fill('100');
    await expect(widget.getByTestId('task-checks')).toContainText('$142.27', PATIENT);
    await expect(widget).toHaveAttribute('data-done', 'false');
    await batchSize(root).fill('1');
    await expect(widget.getByTestId('task-checks')).toContainText('$220.64', PATIENT);
    // The check moves into the mapping.
    await filterKnob(root).fill('1');
    await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
    await expect(widget.getByTestId('task-announcer')).toHaveText(/^Task done: Bring the monthly bill/);
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 1 bet placed');

    await page.reload();
    const again = await hydrated(task(page));
    await expect(again).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 1 bet placed');
    await experiment(page);
    await again.getByRole('button', { name: 'Reset this task' }).click();
    await expect(again).toHaveAttribute('data-done', 'false');
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 1 bet placed');
  });

  for (const theme of THEMES) {
    test(`axe finds no violations on the chapter, open and finished, in the ${theme} theme`, async ({ page }) => {
      await gotoInTheme(page, PATH, theme);
      // axe on a page this long is slow on a busy machine; the playground has its own scans in filtering.spec.ts.
      test.setTimeout(240_000);
      const scan = (when: string, only?: string[]) => expectNoAxeViolations(page, `${when} (${theme})`, only);
      const root = await experiment(page);
      await hydrated(bet(page));
      await hydrated(task(page));
      await scan('before anything is done');
      await bet(page).getByRole('radio', { name: /about a fifth/ }).check();
      await bet(page).getByRole('button', { name: 'Lock in my bet' }).click();
      await filterKnob(root).fill('1');
      await expect(task(page)).toHaveAttribute('data-done', 'true', PATIENT);
      await scan('with the bet revealed and the task done', [
        `[data-experiment="${EXPERIMENT}"]`,
        '[data-testid="bet"]',
        '[data-testid="task"]',
        '[data-testid="chapter-progress"]',
      ]);
    });
  }

  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      test(`screenshots at ${width} px in the ${theme} theme`, async ({ page }) => {
        mkdirSync(SHOTS, { recursive: true });
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, PATH, theme);
        await page.screenshot({ path: join(SHOTS, `top-${theme}-${width}.png`) });
        const root = await experiment(page);
        await filterKnob(root).fill('1');
        await expect(task(page)).toHaveAttribute('data-done', 'true', PATIENT);
        const widget = await hydrated(bet(page));
        await widget.getByRole('radio', { name: /about a fifth/ }).check();
        await widget.getByRole('button', { name: 'Lock in my bet' }).click();
        await expect(widget).toHaveAttribute('data-state', 'right');
        await root.screenshot({ path: join(SHOTS, `experiment-${theme}-${width}.png`) });
        await widget.screenshot({ path: join(SHOTS, `bet-${theme}-${width}.png`) });
        await task(page).screenshot({ path: join(SHOTS, `task-${theme}-${width}.png`) });
        const table = page.locator('main table').filter({ hasText: 'Records the function gets' });
        await table.scrollIntoViewIfNeeded();
        await table.screenshot({ path: join(SHOTS, `talk-table-${theme}-${width}.png`) });
        await scrollThrough(page);
        await page.screenshot({ path: join(SHOTS, `page-${theme}-${width}.png`), fullPage: true });
      });
    }
  }
});
