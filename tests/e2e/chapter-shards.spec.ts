import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { scrollThrough } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';
import { counter, expectNoAxeViolations, experiment, hydrated, PATIENT } from './support/chapter.ts';

// The shards-and-partitions chapter: six experiments (the step on four shards, a hot key,
// shared throughput, enhanced fan-out, ParallelizationFactor, Kafka partitions), two bets and
// three tasks, driven as a reader would.
const PATH = '/chapters/shards-and-partitions/';
const EXPERIMENTS = ['kinesis-4-shards', 'hot-key', 'shared-read', 'efo', 'parallelization', 'few-partitions'];
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots', 'chapter-shards');
const START = '0 of 3 tasks done, 0 of 2 bets placed';

const bet = (page: Page, id: string) => page.locator(`[data-testid="bet"][data-bet="${id}"]`);
const task = (page: Page, id: string) => page.locator(`[data-testid="task"][data-task="${id}"]`);
const slider = (root: Locator, label: RegExp) => root.getByTestId('knobs-a').getByRole('slider', { name: label });

test.describe('the shards-and-partitions chapter', () => {
  test('loads without console errors and every experiment hydrates', async ({ page }) => {
    test.setTimeout(90_000);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Shards and partitions' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Coming soon');
    await expect(counter(page)).toHaveText(START);
    for (const id of EXPERIMENTS) await experiment(page, id);
    const hot = await experiment(page, 'hot-key');
    await expect(hot.getByTestId('chart-WriteProvisionedThroughputExceeded')).toBeVisible();
    const shared = await experiment(page, 'shared-read');
    await expect(shared.getByTestId('knob-otherSharedConsumers')).toHaveText('4 other readers');
    await expect(shared.getByTestId('chart-ReadProvisionedThroughputExceeded')).toBeVisible();
    const kafka = await experiment(page, 'few-partitions');
    await expect(kafka.getByTestId('chart-OffsetLag')).toBeVisible();
    await expect(kafka.getByTestId('knob-partitions')).toHaveText('4 partitions');
    await scrollThrough(page);
    await page.waitForLoadState('networkidle');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('the bets are locked in, revealed and kept across a reload', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(PATH);
    const factor = await hydrated(bet(page, 'factor-one-to-two'));
    await factor.getByRole('radio', { name: /roughly halve/ }).check();
    await factor.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(factor).toHaveAttribute('data-state', 'wrong');
    await expect(factor.getByTestId('bet-verdict')).toContainText('The answer: fall, but only by about a quarter.');
    await expect(factor.getByTestId('bet-explanation')).toContainText('Highest IteratorAge went from');
    await expect(counter(page)).toHaveText('0 of 3 tasks done, 1 of 2 bets placed (0 right)');

    const hot = await hydrated(bet(page, 'hot-key-more-shards'));
    await hot.getByRole('radio', { name: /barely move/ }).check();
    await hot.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(hot).toHaveAttribute('data-state', 'right');
    await expect(counter(page)).toHaveText('0 of 3 tasks done, 2 of 2 bets placed (1 right)');

    await page.reload();
    const again = await hydrated(bet(page, 'factor-one-to-two'));
    await expect(again).toHaveAttribute('data-state', 'wrong');
    await expect(await hydrated(bet(page, 'hot-key-more-shards'))).toHaveAttribute('data-state', 'right');
    await again.getByRole('button', { name: 'Try again' }).click();
    await again.getByRole('radio', { name: /only by about a quarter/ }).check();
    await again.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(again).toHaveAttribute('data-state', 'right');
    await expect(counter(page)).toHaveText('0 of 3 tasks done, 2 of 2 bets placed (2 right)');
  });

  test('the ParallelizationFactor task: a factor of 5 is not enough, 6 is', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(PATH);
    const widget = await hydrated(task(page, 'factor-keeps-up'));
    const root = await experiment(page, 'parallelization');
    await expect(widget).toHaveAttribute('data-done', 'false');
    await expect(widget.getByTestId('task-state')).toHaveText('Change the experiment above; each run is checked against these conditions.');
    await slider(root, /^ParallelizationFactor/).fill('5');
    await expect(root.getByTestId('knob-ParallelizationFactor')).toHaveText('5 per shard');
    await expect(widget.getByTestId('task-state')).toHaveText('Not yet: 1 of 2 conditions hold on your last run.', PATIENT);
    await slider(root, /^ParallelizationFactor/).fill('6');
    await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
    await expect(widget.getByTestId('task-announcer')).toHaveText(/^Task done: Keep the largest IteratorAge/);
    await expect(counter(page)).toHaveText('1 of 3 tasks done, 0 of 2 bets placed');
  });

  test('the shared-throughput task: dropping the other readers does not count, a second shard does', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(PATH);
    const widget = await hydrated(task(page, 'shared-keeps-up'));
    const root = await experiment(page, 'shared-read');
    await expect(widget).toHaveAttribute('data-done', 'false');
    // Fewer readers: the lag goes away, but the other applications must keep reading.
    await slider(root, /^Other shared readers/).fill('0');
    await expect(root.getByTestId('knob-otherSharedConsumers')).toHaveText('0 other readers');
    await expect(widget.getByTestId('task-state')).toHaveText('Not yet: 2 of 3 conditions hold on your last run.', PATIENT);
    await slider(root, /^Other shared readers/).fill('4');
    await expect(root.getByTestId('knob-otherSharedConsumers')).toHaveText('4 other readers');
    await expect(widget.getByTestId('task-checks')).toContainText('401,784', PATIENT);
    // Three shards keep up too, but cost too much.
    await slider(root, /^ShardCount/).fill('3');
    await expect(root.getByTestId('knob-ShardCount')).toHaveText('3 shards');
    await expect(widget.getByTestId('task-checks')).toContainText('$41.74', PATIENT);
    await expect(widget).toHaveAttribute('data-done', 'false');
    await slider(root, /^ShardCount/).fill('2');
    await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
    await expect(counter(page)).toHaveText('1 of 3 tasks done, 0 of 2 bets placed');

    await page.reload();
    const again = await hydrated(task(page, 'shared-keeps-up'));
    await expect(again).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText('1 of 3 tasks done, 0 of 2 bets placed');
    await experiment(page, 'shared-read');
    await again.getByRole('button', { name: 'Reset this task' }).click();
    await expect(again).toHaveAttribute('data-done', 'false');
    await expect(counter(page)).toHaveText(START);
  });

  test('the Kafka task: more pollers do nothing, more partitions keep up', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(PATH);
    const widget = await hydrated(task(page, 'partitions-keep-up'));
    const root = await experiment(page, 'few-partitions');
    await expect(widget).toHaveAttribute('data-done', 'false');
    await slider(root, /^MinimumPollers/).fill('10');
    await expect(root.getByTestId('knob-MinimumPollers')).toHaveText('10 pollers');
    await expect(widget.getByTestId('task-checks')).toContainText('121,151', PATIENT);
    await expect(widget).toHaveAttribute('data-done', 'false');
    await slider(root, /^Partitions/).fill('6');
    await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
    await page.reload();
    await expect(await hydrated(task(page, 'partitions-keep-up'))).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText('1 of 3 tasks done, 0 of 2 bets placed');
  });

  for (const theme of THEMES) {
    test(`axe finds no violations on the chapter, open and finished, in the ${theme} theme`, async ({ page }) => {
      // Six experiments with their data tables make a large page for axe.
      test.setTimeout(180_000);
      await gotoInTheme(page, PATH, theme);
      const scan = (when: string, only?: string[]) => expectNoAxeViolations(page, `${when} (${theme})`, only);
      for (const id of EXPERIMENTS) await experiment(page, id);
      await hydrated(bet(page, 'factor-one-to-two'));
      await hydrated(task(page, 'factor-keeps-up'));
      await scan('before anything is done');
      const factor = bet(page, 'factor-one-to-two');
      await factor.getByRole('radio', { name: /only by about a quarter/ }).check();
      await factor.getByRole('button', { name: 'Lock in my bet' }).click();
      const root = await experiment(page, 'parallelization');
      await root.getByTestId('compare-open').click();
      await expect(root.getByTestId('compare-table')).toBeVisible(PATIENT);
      await slider(root, /^ParallelizationFactor/).fill('10');
      await expect(task(page, 'factor-keeps-up')).toHaveAttribute('data-done', 'true', PATIENT);
      await scan('with a bet revealed, the compare view open and a task done', [
        '[data-experiment="parallelization"]',
        '[data-testid="bet"]',
        '[data-testid="task"]',
        '[data-testid="chapter-progress"]',
      ]);
    });
  }

  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      test(`screenshots at ${width} px in the ${theme} theme`, async ({ page }) => {
        // A full-page picture of six experiments at 390 px is over 30,000 px tall.
        test.setTimeout(240_000);
        mkdirSync(SHOTS, { recursive: true });
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, PATH, theme);
        await page.screenshot({ path: join(SHOTS, `top-${theme}-${width}.png`) });
        const root = await experiment(page, 'parallelization');
        await slider(root, /^ParallelizationFactor/).fill('10');
        await expect(task(page, 'factor-keeps-up')).toHaveAttribute('data-done', 'true', PATIENT);
        const widget = await hydrated(bet(page, 'hot-key-more-shards'));
        await widget.getByRole('radio', { name: /barely move/ }).check();
        await widget.getByRole('button', { name: 'Lock in my bet' }).click();
        await expect(widget).toHaveAttribute('data-state', 'right');
        await root.screenshot({ path: join(SHOTS, `experiment-${theme}-${width}.png`) });
        await widget.screenshot({ path: join(SHOTS, `bet-${theme}-${width}.png`) });
        await task(page, 'factor-keeps-up').screenshot({ path: join(SHOTS, `task-${theme}-${width}.png`) });
        const table = page.locator('main table').filter({ hasText: 'sequence number' });
        await table.scrollIntoViewIfNeeded();
        await table.screenshot({ path: join(SHOTS, `terms-${theme}-${width}.png`) });
        await scrollThrough(page);
        await page.screenshot({ path: join(SHOTS, `page-${theme}-${width}.png`), fullPage: true });
      });
    }
  }
});
