import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { scrollThrough } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';
import { counter, expectNoAxeViolations, experiment, hydrated, PATIENT } from './support/chapter.ts';

// The provisioned-mode chapter: the talk's Kafka spike on demand and in provisioned mode,
// one bet and one task, driven as a reader would. Kafka runs take a moment each: poll patiently.
const PATH = '/chapters/provisioned-mode/';
const ON_DEMAND = 'spike-on-demand';
const PROVISIONED = 'spike-provisioned';
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots', 'chapter-provisioned');

const bet = (page: Page) => page.locator('[data-testid="bet"][data-bet="double-minimum"]');
const task = (page: Page) => page.locator('[data-testid="task"][data-task="absorb-the-spike"]');
const minimumPollers = (root: Locator) => root.getByTestId('knobs-a').getByRole('slider', { name: /^MinimumPollers/ });

test.describe('the provisioned-mode chapter', () => {
  test('loads without console errors and both experiments hydrate', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Provisioned mode' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Coming soon');
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 1 bet placed');
    const onDemand = await experiment(page, ON_DEMAND);
    await expect(onDemand.getByTestId('chart-OffsetLag')).toBeVisible();
    const provisioned = await experiment(page, PROVISIONED);
    await expect(provisioned.getByTestId('chart-ProvisionedPollers')).toBeVisible();
    await expect(provisioned.getByTestId('knob-MinimumPollers')).toHaveText('5 pollers');
    await scrollThrough(page);
    await page.waitForLoadState('networkidle');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('compares A with B on the same traffic: more minimum pollers, a smaller lag', async ({ page }) => {
    await page.goto(PATH);
    const root = await experiment(page, PROVISIONED);
    const outcomesA = await root.getByTestId('experiment-outcomes').innerText();
    await root.getByTestId('compare-open').click();
    const lag = root.locator('[data-testid="compare-row"][data-label="Largest OffsetLag"]');
    await expect(lag).toBeVisible(PATIENT);
    await expect.poll(async () => (await lag.getAttribute('data-b')) === (await lag.getAttribute('data-a')), PATIENT).toBe(true);

    await root.getByTestId('knobs-b').getByLabel('MinimumPollers (B)').fill('10');
    await expect(root.getByTestId('knob-b-MinimumPollers')).toHaveText('10 pollers');
    await expect
      .poll(async () => Number(await lag.getAttribute('data-b')) * 10 < Number(await lag.getAttribute('data-a')), PATIENT)
      .toBe(true);
    // A is untouched.
    await expect(root.getByTestId('knob-MinimumPollers')).toHaveText('5 pollers');
    expect(await root.getByTestId('experiment-outcomes').innerText()).toBe(outcomesA);
    await root.getByTestId('chart-OffsetLag').getByText('Show the data as a table').click();
    await expect(root.getByTestId('chart-OffsetLag').locator('table th', { hasText: 'B: OffsetLag Maximum' })).toBeVisible();
    await root.getByTestId('compare-close').click();
    await expect(root.getByTestId('compare-table')).toHaveCount(0);
  });

  test('the bet is locked in, revealed and kept across a reload', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(bet(page));
    await widget.getByRole('radio', { name: /roughly halve/ }).check();
    await widget.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    await expect(widget.getByTestId('bet-verdict')).toContainText('The answer: fall to a small fraction of what it was.');
    await expect(widget.getByTestId('bet-explanation')).toContainText('Highest OffsetLag went from 275,866 records to 4,868 records');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 1 bet placed (0 right)');

    await page.reload();
    const again = await hydrated(bet(page));
    await expect(again).toHaveAttribute('data-state', 'wrong');
    await again.getByRole('button', { name: 'Try again' }).click();
    await again.getByRole('radio', { name: /small fraction/ }).check();
    await again.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(again).toHaveAttribute('data-state', 'right');
    await expect(counter(page)).toHaveText('0 of 1 task done, 1 of 1 bet placed (1 right)');
  });

  test('the task is not done by doing nothing, nor by too few or too many pollers, and is done by the sweet spot', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(task(page));
    const root = await experiment(page, PROVISIONED);
    await expect(widget).toHaveAttribute('data-done', 'false');
    await expect(widget.getByTestId('task-state')).toHaveText('Change the experiment above; each run is checked against these conditions.');

    // Too few: the lag builds up.
    await minimumPollers(root).fill('7');
    await expect(widget.getByTestId('task-checks')).toContainText('35,664', PATIENT);
    await expect(widget.getByTestId('task-state')).toHaveText('Not yet: 1 of 2 conditions hold on your last run.');
    // Too many: a second event poller unit breaks the budget.
    await minimumPollers(root).fill('20');
    await expect(widget.getByTestId('task-checks')).toContainText('$1,884', PATIENT);
    await expect(widget).toHaveAttribute('data-done', 'false');
    // Enough pollers for the spike, inside one unit.
    await minimumPollers(root).fill('9');
    await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
    await expect(widget.getByTestId('task-announcer')).toHaveText(/^Task done: Absorb the spike/);
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 1 bet placed');

    await page.reload();
    const again = await hydrated(task(page));
    await expect(again).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText('1 of 1 task done, 0 of 1 bet placed');
    await experiment(page, PROVISIONED);
    await again.getByRole('button', { name: 'Reset this task' }).click();
    await expect(again).toHaveAttribute('data-done', 'false');
    await expect(counter(page)).toHaveText('0 of 1 task done, 0 of 1 bet placed');
  });

  for (const theme of THEMES) {
    test(`axe finds no violations on the chapter, open and finished, in the ${theme} theme`, async ({ page }) => {
      // Two Kafka experiments with their data tables make a large page for axe.
      test.setTimeout(120_000);
      await gotoInTheme(page, PATH, theme);
      const scan = (when: string, only?: string[]) => expectNoAxeViolations(page, `${when} (${theme})`, only);
      await experiment(page, ON_DEMAND);
      const root = await experiment(page, PROVISIONED);
      await hydrated(bet(page));
      await hydrated(task(page));
      await scan('before anything is done');
      await bet(page).getByRole('radio', { name: /small fraction/ }).check();
      await bet(page).getByRole('button', { name: 'Lock in my bet' }).click();
      await root.getByTestId('compare-open').click();
      await expect(root.getByTestId('compare-table')).toBeVisible(PATIENT);
      await minimumPollers(root).fill('10');
      await expect(task(page)).toHaveAttribute('data-done', 'true', PATIENT);
      await scan('with the bet revealed, the compare view open and the task done', [
        `[data-experiment="${PROVISIONED}"]`,
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
        const root = await experiment(page, PROVISIONED);
        await minimumPollers(root).fill('10');
        await expect(task(page)).toHaveAttribute('data-done', 'true', PATIENT);
        const widget = await hydrated(bet(page));
        await widget.getByRole('radio', { name: /small fraction/ }).check();
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
