import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { scrollThrough } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';
import { counter, expectNoAxeViolations, knob, experiment as experimentById, hydrated, PATIENT } from './support/chapter.ts';

// The failures chapter: a poison pill blocks both shards, then the failure settings are tried
// on the same traffic through the experiment's knobs, as a reader would.
const PATH = '/chapters/error-handling/';
const EXPERIMENT = 'poison-pill';
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots', 'chapter-failures');

/** Waits until the chapter's experiment has hydrated (and has its first result). */
const experiment = (page: Page): Promise<Locator> => experimentById(page, EXPERIMENT);

const bet = (page: Page, id: string) => page.locator(`[data-testid="bet"][data-bet="${id}"]`);
const task = (page: Page) => page.locator('[data-testid="task"][data-task="unblock-the-shards"]');

/** Sets knobs one by one, waiting for each run, as a reader dragging sliders would. */
async function setKnobs(root: Locator, values: [string, string][]): Promise<void> {
  for (const [name, value] of values) await knob(root, name).fill(value);
}

/** The talk's advice: bisect, a few retries, an on-failure destination. */
async function handleFailures(root: Locator): Promise<void> {
  await setKnobs(root, [
    ['BisectBatchOnFunctionError', '1'],
    ['MaximumRetryAttempts', '2'],
    ['On-failure destination', '1'],
  ]);
}

test.describe('the failures chapter', () => {
  // Each test makes several runs of a 15-minute, two-shard scenario in the workbench's worker.
  test.describe.configure({ timeout: 120_000 });

  test('loads without console errors, and the experiment hydrates and runs', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Handling failures' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Coming soon');
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 2 bets placed');
    const root = await experiment(page);
    for (const chart of ['IteratorAge', 'Errors', 'DroppedEventCount', 'OnFailureDestinationDeliveredEventCount']) {
      await expect(root.getByTestId(`chart-${chart}`)).toBeVisible();
    }
    await expect(root.getByTestId('knob-MaximumRetryAttempts')).toHaveText('-1: until the records expire');
    await expect(root.getByTestId('knob-BisectBatchOnFunctionError')).toHaveText('off');
    // The build's run: the shards are stuck, nothing is given up on.
    const processed = Number(await root.getByTestId('outcome-processed').getAttribute('data-value'));
    await expect(root.getByTestId('outcome-dropped')).toHaveAttribute('data-value', '0');

    // No retries: the shards move again, and whole batches are dropped.
    await knob(root, 'MaximumRetryAttempts').fill('0');
    await expect(root.getByTestId('knob-MaximumRetryAttempts')).toHaveText('0 retries');
    await expect.poll(async () => Number(await root.getByTestId('outcome-processed').getAttribute('data-value')), PATIENT).toBeGreaterThan(processed * 100);
    await expect.poll(async () => Number(await root.getByTestId('outcome-dropped').getAttribute('data-value')), PATIENT).toBeGreaterThan(1000);
    // A destination: the same records are reported instead of dropped.
    await knob(root, 'On-failure destination').fill('1');
    await expect(root.getByTestId('outcome-dropped')).toHaveAttribute('data-value', '0', PATIENT);
    await expect.poll(async () => Number(await root.getByTestId('outcome-destination').getAttribute('data-value')), PATIENT).toBeGreaterThan(1000);
    await scrollThrough(page);
    await page.waitForLoadState('networkidle');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('a bet is locked in, revealed and kept across a reload', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(bet(page, 'no-retries'));
    await widget.getByRole('radio', { name: /only the bad records/ }).check();
    await widget.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    await expect(widget.getByTestId('bet-verdict')).toContainText('The answer: whole batches');
    await expect(widget.getByTestId('bet-explanation')).toContainText('Records dropped went from 0 to 1,600');
    await expect(widget).toContainText('Lambda gives up on a batch, not on a record');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 2 bets placed (0 right)');

    await page.reload();
    const again = await hydrated(bet(page, 'no-retries'));
    await expect(again).toHaveAttribute('data-state', 'wrong');
    await again.getByRole('button', { name: 'Try again' }).click();
    await again.getByRole('radio', { name: /whole batches/ }).check();
    await again.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(again).toHaveAttribute('data-state', 'right');

    const bisect = await hydrated(bet(page, 'bisect-alone'));
    await bisect.getByRole('radio', { name: /barely change/ }).check();
    await bisect.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(bisect).toHaveAttribute('data-state', 'right');
    await expect(bisect.getByTestId('bet-explanation')).toContainText('Records processed went from 1,700 to 1,775');
    await expect(counter(page)).toHaveText('0 of 1 task done, 2 of 2 bets placed (2 right)');
  });

  test('the task is not done by doing nothing, nor by a retry limit alone, and is done by bisecting, retries and a destination', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(task(page));
    const root = await experiment(page);
    await expect(widget).toHaveAttribute('data-done', 'false');
    await expect(widget.getByTestId('task-state')).toHaveText('Change the experiment above; each run is checked against these conditions.');

    // A retry limit unblocks the shards but drops the good records that shared a batch with a bad one.
    await knob(root, 'MaximumRetryAttempts').fill('0');
    await expect(widget.getByTestId('task-checks')).toContainText('Good records not processed: 1,584', PATIENT);
    await expect(widget).toHaveAttribute('data-done', 'false');
    // Bisecting isolates the bad records; a few retries and a destination keep a trace of them.
    await handleFailures(root);
    await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
    await expect(widget.getByTestId('task-announcer')).toHaveText(/^Task done: Unblock the shards/);
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 2 bets placed');

    await page.reload();
    const again = await hydrated(task(page));
    await expect(again).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 2 bets placed');
    await experiment(page);
    await again.getByRole('button', { name: 'Reset this task' }).click();
    await expect(again).toHaveAttribute('data-done', 'false');
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 2 bets placed');
  });

  for (const theme of THEMES) {
    test(`axe finds no violations on the chapter, open and finished, in the ${theme} theme`, async ({ page }) => {
      // A large page for axe, and runs in a worker on a busy machine: be patient.
      test.setTimeout(240_000);
      await gotoInTheme(page, PATH, theme);
      const scan = (when: string, only?: string[]) => expectNoAxeViolations(page, `${when} (${theme})`, only);
      const root = await experiment(page);
      await hydrated(bet(page, 'no-retries'));
      await hydrated(bet(page, 'bisect-alone'));
      await hydrated(task(page));
      await scan('before anything is done');
      await bet(page, 'no-retries').getByRole('radio', { name: /whole batches/ }).check();
      await bet(page, 'no-retries').getByRole('button', { name: 'Lock in my bet' }).click();
      await root.getByTestId('compare-open').click();
      await expect(root.getByTestId('compare-table')).toBeVisible(PATIENT);
      await handleFailures(root);
      await expect(task(page)).toHaveAttribute('data-done', 'true', PATIENT);
      await scan('with a bet revealed, the compare view open and the task done', [
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
        test.setTimeout(180_000);
        mkdirSync(SHOTS, { recursive: true });
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, PATH, theme);
        await page.screenshot({ path: join(SHOTS, `top-${theme}-${width}.png`) });
        const root = await experiment(page);
        await handleFailures(root);
        await expect(task(page)).toHaveAttribute('data-done', 'true', PATIENT);
        const widget = await hydrated(bet(page, 'bisect-alone'));
        await widget.getByRole('radio', { name: /barely change/ }).check();
        await widget.getByRole('button', { name: 'Lock in my bet' }).click();
        await expect(widget).toHaveAttribute('data-state', 'right');
        await root.screenshot({ path: join(SHOTS, `experiment-${theme}-${width}.png`) });
        await widget.screenshot({ path: join(SHOTS, `bet-${theme}-${width}.png`) });
        await task(page).screenshot({ path: join(SHOTS, `task-${theme}-${width}.png`) });
        await scrollThrough(page);
        await page.screenshot({ path: join(SHOTS, `page-${theme}-${width}.png`), fullPage: true });
      });
    }
  }
});
