import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { scrollThrough } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';
import { counter, expectNoAxeViolations, experiment, hydrated, PATIENT } from './support/chapter.ts';

// The batching chapter: a quiet stream's latency against cost, and the 6 MB payload limit,
// two bets and one task, driven as a reader would.
const PATH = '/chapters/batching/';
const LATENCY = 'latency-cost';
const PAYLOAD = 'payload-limit';
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots', 'chapter-batching');

const bet = (page: Page) => page.locator('[data-testid="bet"][data-bet="five-second-window"]');
const ageBet = (page: Page) => page.locator('[data-testid="bet"][data-bet="window-iterator-age"]');
const task = (page: Page) => page.locator('[data-testid="task"][data-task="cheaper-within-seven-seconds"]');
const slider = (root: Locator, name: string) => root.getByTestId('knobs-a').getByRole('slider', { name: new RegExp(`^${name}`) });

/** Sets a knob and waits for the run it asks for. */
async function setKnob(root: Locator, knob: string, value: string, shown: string, label = knob): Promise<void> {
  await slider(root, label).fill(value);
  await expect(root.getByTestId(`knob-${knob}`)).toHaveText(shown);
}

test.describe('the batching chapter', () => {
  // Two Kinesis experiments, each run in a Web Worker: give a busy machine time.
  test.describe.configure({ timeout: 120_000 });

  test('loads without console errors, and both experiments hydrate and run', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Batching' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Coming soon');
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 2 bets placed');

    const latency = await experiment(page, LATENCY);
    const triggers = latency.getByTestId('chart-BatchTriggers');
    await expect(triggers).toBeVisible();
    await expect(triggers).toContainText('Invocations by batching trigger (simulator, not CloudWatch)');
    await expect(latency.getByTestId('outcome-invocations')).toHaveText('6,000');
    await setKnob(latency, 'MaximumBatchingWindowInSeconds', '5', '5 s');
    await expect(latency.getByTestId('outcome-invocations')).toHaveText('2,399', PATIENT);

    const payload = await experiment(page, PAYLOAD);
    await expect(payload.getByTestId('chart-BatchTriggers')).toBeVisible();
    const before = await payload.getByTestId('outcome-invocations').innerText();
    await setKnob(payload, 'recordSizeBytes', '1500', '1,500 bytes', 'Record size');
    await expect(payload.getByTestId('outcome-invocations')).not.toHaveText(before, PATIENT);
    await payload.getByTestId('chart-BatchTriggers').getByText('Show the data as a table').click();
    await expect(payload.getByTestId('chart-BatchTriggers').locator('table th', { hasText: 'Batching window ended' })).toBeVisible();

    await scrollThrough(page);
    await page.waitForLoadState('networkidle');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('the bets are locked in, revealed and kept across a reload', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(bet(page));
    await widget.getByRole('radio', { name: /about a fifth/ }).check();
    await widget.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    await expect(widget.getByTestId('bet-verdict')).toContainText('The answer: fall, but only to about half: the batch fills before the window ends.');
    await expect(widget.getByTestId('bet-explanation')).toContainText('Invocations went from 6,000 to 2,399');
    await expect(widget.getByTestId('bet-verdict')).toContainText('BatchSize fires first');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 2 bets placed (0 right)');

    const age = await hydrated(ageBet(page));
    await age.getByRole('radio', { name: /about a second/ }).check();
    await age.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(age).toHaveAttribute('data-state', 'right');
    await expect(counter(page)).toHaveText('0 of 1 task done, 2 of 2 bets placed (1 right)');

    await page.reload();
    const again = await hydrated(bet(page));
    await expect(again).toHaveAttribute('data-state', 'wrong');
    await expect(await hydrated(ageBet(page))).toHaveAttribute('data-state', 'right');
    await again.getByRole('button', { name: 'Try again' }).click();
    await again.getByRole('radio', { name: /only to about half/ }).check();
    await again.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(again).toHaveAttribute('data-state', 'right');
    await expect(counter(page)).toHaveText('0 of 1 task done, 2 of 2 bets placed (2 right)');
  });

  test('the task is not done by doing nothing, nor by a window alone or a window too long, and is done by a window that BatchSize can hold', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(task(page));
    const root = await experiment(page, LATENCY);
    await expect(widget).toHaveAttribute('data-done', 'false');
    await expect(widget.getByTestId('task-state')).toHaveText('Change the experiment above; each run is checked against these conditions.');

    // A window alone: BatchSize 100 fills first, and the bill stays too high.
    await setKnob(root, 'MaximumBatchingWindowInSeconds', '5', '5 s');
    await expect(widget.getByTestId('task-checks')).toContainText('$159.31', PATIENT);
    await expect(widget).toHaveAttribute('data-done', 'false');
    // A window too long: cheap, but records wait too long.
    await setKnob(root, 'MaximumBatchingWindowInSeconds', '10', '10 s');
    await setKnob(root, 'BatchSize', '1000', '1,000 records');
    await expect(widget.getByTestId('task-checks')).toContainText('11.5 s', PATIENT);
    await expect(widget.getByTestId('task-state')).toHaveText('Not yet: 1 of 2 conditions hold on your last run.');
    // A 5 s window that BatchSize 1,000 can hold.
    await setKnob(root, 'MaximumBatchingWindowInSeconds', '5', '5 s');
    await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
    await expect(widget.getByTestId('task-announcer')).toHaveText(/^Task done: In the experiment above, bring the bill under \$150/);
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 2 bets placed');

    await page.reload();
    const again = await hydrated(task(page));
    await expect(again).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 2 bets placed');
    await experiment(page, LATENCY);
    await again.getByRole('button', { name: 'Reset this task' }).click();
    await expect(again).toHaveAttribute('data-done', 'false');
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 2 bets placed');
  });

  for (const theme of THEMES) {
    test(`axe finds no violations on the chapter, open and finished, in the ${theme} theme`, async ({ page }) => {
      test.setTimeout(240_000);
      await gotoInTheme(page, PATH, theme);
      const scan = (when: string, only?: string[]) => expectNoAxeViolations(page, `${when} (${theme})`, only);
      const root = await experiment(page, LATENCY);
      const payload = await experiment(page, PAYLOAD);
      await hydrated(bet(page));
      await hydrated(ageBet(page));
      await hydrated(task(page));
      await scan('before anything is done');
      await bet(page).getByRole('radio', { name: /only to about half/ }).check();
      await bet(page).getByRole('button', { name: 'Lock in my bet' }).click();
      await setKnob(root, 'BatchSize', '1000', '1,000 records');
      await setKnob(root, 'MaximumBatchingWindowInSeconds', '5', '5 s');
      await expect(task(page)).toHaveAttribute('data-done', 'true', PATIENT);
      await payload.getByTestId('chart-BatchTriggers').getByText('Show the data as a table').click();
      await scan('with a bet revealed, the trigger table open and the task done', [
        `[data-experiment="${LATENCY}"]`,
        `[data-experiment="${PAYLOAD}"]`,
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
        const root = await experiment(page, LATENCY);
        await setKnob(root, 'BatchSize', '1000', '1,000 records');
        await setKnob(root, 'MaximumBatchingWindowInSeconds', '5', '5 s');
        await expect(task(page)).toHaveAttribute('data-done', 'true', PATIENT);
        const widget = await hydrated(bet(page));
        await widget.getByRole('radio', { name: /only to about half/ }).check();
        await widget.getByRole('button', { name: 'Lock in my bet' }).click();
        await expect(widget).toHaveAttribute('data-state', 'right');
        await root.screenshot({ path: join(SHOTS, `experiment-${theme}-${width}.png`) });
        await widget.screenshot({ path: join(SHOTS, `bet-${theme}-${width}.png`) });
        await task(page).screenshot({ path: join(SHOTS, `task-${theme}-${width}.png`) });
        const payload = await experiment(page, PAYLOAD);
        await payload.screenshot({ path: join(SHOTS, `payload-${theme}-${width}.png`) });
        await scrollThrough(page);
        await page.screenshot({ path: join(SHOTS, `page-${theme}-${width}.png`), fullPage: true });
      });
    }
  }
});
