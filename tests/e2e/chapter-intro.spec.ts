import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { gotoInTheme, THEMES } from './support/theme.ts';
import { counter, expectNoAxeViolations, experiment, hydrated } from './support/chapter.ts';

// Chapter 1: steady against spiky traffic on the same consumer, one bet and one task.
const PATH = '/chapters/intro/';
const STEADY = 'streaming-steady';
const SPIKY = 'streaming-spiky';
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots', 'chapter-intro');

const bet = (page: Page) => page.locator('[data-testid="bet"][data-bet="bursts-on-top"]');
const task = (page: Page) => page.locator('[data-testid="task"][data-task="spiky-under-five-seconds"]');
const worstLag = async (root: Locator) => Number(await root.getByTestId('outcome-lag').getAttribute('data-value'));

test.describe('chapter 1: streaming workloads', () => {
  test('the page loads without console errors and both experiments hydrate', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Streaming workloads' })).toBeVisible();
    await expect(page.getByText('Coming soon')).toHaveCount(0);
    const steady = await experiment(page, STEADY);
    const spiky = await experiment(page, SPIKY);
    await hydrated(bet(page));
    await hydrated(task(page));
    // The same average rate, and the bursts make the consumer fall far behind.
    await expect.poll(() => worstLag(steady)).toBeLessThan(2_000);
    await expect.poll(() => worstLag(spiky)).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  });

  test('the bet is locked in, revealed, kept across a reload and can be tried again', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(bet(page));
    const lock = widget.getByRole('button', { name: 'Lock in my bet' });
    await expect(lock).toBeDisabled();
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 1 bet placed');

    await widget.getByRole('radio', { name: /stay about the same/ }).check();
    await lock.click();
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    await expect(widget.getByTestId('bet-verdict')).toContainText('Not this time. The answer: grow more than ten times over.');
    await expect(widget.getByTestId('bet-explanation')).toContainText('The engine ran it both ways.');
    await expect(widget.getByTestId('bet-verdict')).toContainText('the average hides exactly the seconds that matter');
    await expect(counter(page)).toHaveText(/1 of 1 bet placed \(0 right\)$/);

    await page.reload();
    const again = await hydrated(bet(page));
    await expect(again).toHaveAttribute('data-state', 'wrong');
    await expect(again.getByRole('radio', { name: /stay about the same/ })).toBeChecked();
    await again.getByRole('button', { name: 'Try again' }).click();
    await expect(again).toHaveAttribute('data-state', 'open');
    await again.getByRole('radio', { name: /more than ten times/ }).check();
    await again.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(again).toHaveAttribute('data-state', 'right');
    await expect(again.getByTestId('bet-verdict')).toContainText('You were right.');
    await expect(counter(page)).toHaveText(/1 of 1 bet placed \(1 right\)$/);
  });

  test('the task is not done by doing nothing, nor by more shards or bigger batches, and is done by more parallelism', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(task(page));
    const root = await experiment(page, SPIKY);
    await expect(widget).toHaveAttribute('data-done', 'false');
    await expect(widget.getByTestId('task-state')).toHaveText('Change the experiment above; each run is checked against these conditions.');

    // Bigger batches help, but one batch at a time per shard is still slower than a burst.
    await root.getByRole('slider', { name: 'BatchSize' }).fill('1000');
    await expect(root.getByTestId('knob-BatchSize')).toHaveText('1,000 records');
    await expect(widget.getByTestId('task-checks')).toContainText(/Highest IteratorAge: [\d,.]+ ms, needs at most 5,000 ms/);
    await expect(widget.getByTestId('task-state')).toHaveText('Not yet: 2 of 3 conditions hold on your last run.');
    await expect(widget).toHaveAttribute('data-done', 'false');

    // More shards keep up, but the task asks for the same four.
    await root.getByRole('slider', { name: 'BatchSize' }).fill('100');
    await root.getByRole('slider', { name: 'ShardCount' }).fill('8');
    await expect(widget.getByTestId('task-checks')).toContainText('ShardCount: 8 shards, needs 4 shards');
    await expect(widget).toHaveAttribute('data-done', 'false');

    await root.getByRole('slider', { name: 'ShardCount' }).fill('4');
    await root.getByRole('slider', { name: 'ParallelizationFactor' }).fill('2');
    await expect(widget).toHaveAttribute('data-done', 'true');
    await expect(widget.getByTestId('task-announcer')).toHaveText(/^Task done: Keep the spiky stream/);
    await expect(counter(page)).toHaveText(/^1 of 1 task done/);

    await page.reload();
    await expect(await hydrated(task(page))).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText(/^1 of 1 task done/);
  });

  test('the burst knob turns the steady stream into the spiky one at the same average', async ({ page }) => {
    await page.goto(PATH);
    const steady = await experiment(page, STEADY);
    const spiky = await experiment(page, SPIKY);
    const spikyLag = await worstLag(spiky);
    await steady.getByRole('slider', { name: 'Burst height (same average)' }).fill('2400');
    await expect(steady.getByTestId('knob-burstRecordsPerSecond')).toHaveText('+2,400 records/s');
    await expect.poll(() => worstLag(steady)).toBe(spikyLag);
  });

  for (const theme of THEMES) {
    test(`axe finds no violations on the chapter in the ${theme} theme`, async ({ page }) => {
      // Two experiments with their charts' data tables make a long page for axe.
      test.setTimeout(120_000);
      await gotoInTheme(page, PATH, theme);
      await experiment(page, STEADY);
      await experiment(page, SPIKY);
      const widget = await hydrated(bet(page));
      await hydrated(task(page));
      const scan = (when: string) => expectNoAxeViolations(page, `${when} (${theme})`);
      await scan('before anything is done');
      await widget.getByRole('radio', { name: /more than ten times/ }).check();
      await widget.getByRole('button', { name: 'Lock in my bet' }).click();
      await expect(widget).toHaveAttribute('data-state', 'right');
      await scan('with the bet revealed');
    });
  }

  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      test(`screenshot at ${width} px in the ${theme} theme`, async ({ page }) => {
        mkdirSync(SHOTS, { recursive: true });
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, PATH, theme);
        await experiment(page, STEADY);
        await experiment(page, SPIKY);
        await hydrated(bet(page));
        await hydrated(task(page));
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(SHOTS, `intro-${theme}-${width}.png`), fullPage: true });
      });
    }
  }
});
