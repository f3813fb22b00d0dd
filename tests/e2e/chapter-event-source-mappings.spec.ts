import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { bet, consoleErrors, counter, expectNoAxeViolations, experiment, hydrated, knob, PATIENT, screenshotDir, task } from './support/chapter.ts';
import { scrollThrough } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';

// Chapter 3: the event source mapping's pipeline (poll, filter, batch, invoke) on a live run,
// one bet on the batching window and one task, driven as a reader would.
const PATH = '/chapters/event-source-mappings/';
const ID = 'pipeline';
const SHOTS = screenshotDir('chapter-event-source-mappings');
const BET = 'longer-window';
const TASK = 'fewer-invocations';

test.describe.configure({ timeout: 120_000 });

test.describe('the event source mappings chapter', () => {
  test('loads without console errors, and the pipeline follows the playback moment', async ({ page }) => {
    const errors = consoleErrors(page);
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Event source mappings' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Coming soon');
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 1 bet placed');
    const root = await experiment(page, ID);
    const pipeline = root.getByTestId('pipeline');
    await expect(pipeline.getByRole('listitem')).toHaveCount(5);

    // Before the step at 2:00 the stream brings about 400 records a second, after it about 1,200.
    const scrub = root.getByTestId('timeline-scrub');
    await scrub.fill('60');
    await expect(pipeline).toContainText('The pipeline from 1:00 to 1:10, per second');
    const rate = async (testid: string) => Number((await pipeline.getByTestId(testid).innerText()).replace(/[^0-9.]/g, ''));
    const before = await rate('pipeline-written');
    await scrub.fill('200');
    await expect(pipeline).toContainText('The pipeline from 3:20 to 3:30');
    const after = await rate('pipeline-written');
    expect(before).toBeGreaterThan(350);
    expect(before).toBeLessThan(450);
    expect(after / before).toBeGreaterThan(2.5);
    // The filter drops most of what is read; every stage reads the same period.
    expect(await rate('pipeline-filtered')).toBeGreaterThan((await rate('pipeline-polled')) / 2);
    await expect(pipeline.getByTestId('pipeline-lag')).toContainText('IteratorAge');

    // Playing moves the strip through the run.
    await root.getByTestId('timeline-restart').click();
    await root.getByTestId('timeline-play').click();
    await expect(pipeline).not.toContainText('The pipeline from 0:00 to 0:10', PATIENT);
    await scrollThrough(page);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('the bet is locked in, revealed and kept across a reload', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(bet(page, BET));
    await widget.getByRole('radio', { name: /about a fifth/ }).check();
    await widget.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    await expect(widget.getByTestId('bet-verdict')).toContainText('The answer: fall to about half.');
    await expect(widget.getByTestId('bet-explanation')).toContainText('450');
    await expect(widget.getByTestId('bet-explanation')).toContainText('237');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 1 bet placed (0 right)');
    await page.reload();
    await expect(await hydrated(bet(page, BET))).toHaveAttribute('data-state', 'wrong');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 1 bet placed (0 right)');
  });

  test('the task is not done at the start, nor by a longer window alone, and is done by bigger batches with a window', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(task(page, TASK));
    const root = await experiment(page, ID);
    await expect(widget).toHaveAttribute('data-done', 'false');

    await knob(root, 'MaximumBatchingWindowInSeconds').fill('5');
    await expect(widget.getByTestId('task-checks')).toContainText('237', PATIENT);
    await expect(widget).toHaveAttribute('data-done', 'false');

    await knob(root, 'BatchSize').fill('300');
    await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 1 bet placed');
    await page.reload();
    await expect(await hydrated(task(page, TASK))).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 1 bet placed');
  });

  for (const theme of THEMES) {
    test(`axe finds no violations, before and after the reader acts, in the ${theme} theme`, async ({ page }) => {
      await gotoInTheme(page, PATH, theme);
      const root = await experiment(page, ID);
      await hydrated(bet(page, BET));
      await hydrated(task(page, TASK));
      await expectNoAxeViolations(page, `at the start (${theme})`);
      await root.getByTestId('timeline-scrub').fill('150');
      await bet(page, BET).getByRole('radio', { name: /about half/ }).check();
      await bet(page, BET).getByRole('button', { name: 'Lock in my bet' }).click();
      await expect(bet(page, BET)).toHaveAttribute('data-state', 'right');
      await expectNoAxeViolations(page, `with the pipeline at 2:30 and the bet revealed (${theme})`, [
        `[data-experiment="${ID}"]`,
        '[data-testid="bet"]',
        '[data-testid="task"]',
      ]);
    });
  }

  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      test(`screenshots at ${width} px in the ${theme} theme`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, PATH, theme);
        await page.screenshot({ path: join(SHOTS, `top-${theme}-${width}.png`) });
        const root = await experiment(page, ID);
        await root.getByTestId('timeline-scrub').fill('150');
        await expect(root.getByTestId('pipeline')).toContainText('2:30 to 2:40');
        await root.getByTestId('pipeline').screenshot({ path: join(SHOTS, `pipeline-${theme}-${width}.png`) });
        await root.screenshot({ path: join(SHOTS, `experiment-${theme}-${width}.png`) });
        await scrollThrough(page);
        await page.screenshot({ path: join(SHOTS, `page-${theme}-${width}.png`), fullPage: true });
      });
    }
  }
});
