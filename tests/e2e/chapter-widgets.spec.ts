import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { gotoInTheme, THEMES } from './support/theme.ts';

// The concurrency chapter carries one bet and two tasks; these tests drive them as a reader would.
const PATH = '/chapters/concurrency/';
const STEADY = 'concurrency-steady-requests';
const BURST = 'concurrency-scaling-burst';
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots', 'chapter-widgets');

/** Waits until experiment `id` has hydrated (and restored the reader's link or saved edits, if any). */
async function experiment(page: Page, id: string): Promise<Locator> {
  const root = page.locator(`[data-testid="experiment"][data-experiment="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-hydrated', 'true');
  return root;
}

async function hydrated(widget: Locator): Promise<Locator> {
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');
  return widget;
}

const bet = (page: Page) => page.locator('[data-testid="bet"][data-bet="slower-requests"]');
const task = (page: Page, id: string) => page.locator(`[data-testid="task"][data-task="${id}"]`);
const counter = (page: Page) => page.getByTestId('chapter-progress-count');

test.describe('chapter widgets on the concurrency chapter', () => {
  test('a bet is locked in, revealed, kept across a reload and can be tried again', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(bet(page));
    const lock = widget.getByRole('button', { name: 'Lock in my bet' });
    await expect(lock).toBeDisabled();
    await expect(counter(page)).toHaveText('0 of 2 tasks done, 0 of 1 bet placed');

    // A wrong bet first.
    await widget.getByRole('radio', { name: /roughly halve/ }).check();
    await lock.click();
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    const verdict = widget.getByTestId('bet-verdict');
    await expect(verdict).toContainText('Not this time. The answer: roughly double.');
    await expect(widget.getByTestId('bet-explanation')).toHaveText('The engine ran it both ways. Average ConcurrentExecutions went from 50.4 to 100.7: ×2.');
    await expect(verdict).toContainText('holds its environment twice as long');
    await expect(verdict).toBeFocused();
    await expect(counter(page)).toHaveText('0 of 2 tasks done, 1 of 1 bet placed (0 right)');

    await page.reload();
    const again = await hydrated(bet(page));
    await expect(again).toHaveAttribute('data-state', 'wrong');
    await expect(again.getByRole('radio', { name: /roughly halve/ })).toBeChecked();
    await expect(again.getByRole('radio', { name: /roughly halve/ })).toBeDisabled();
    await expect(counter(page)).toHaveText('0 of 2 tasks done, 1 of 1 bet placed (0 right)');

    await again.getByRole('button', { name: 'Try again' }).click();
    await expect(again).toHaveAttribute('data-state', 'open');
    await expect(again.getByRole('radio', { checked: true })).toHaveCount(0);
    await expect(again.getByRole('radio').first()).toBeFocused();
    await expect(counter(page)).toHaveText('0 of 2 tasks done, 0 of 1 bet placed');
    await again.getByRole('radio', { name: /roughly double/ }).check();
    await again.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(again).toHaveAttribute('data-state', 'right');
    await expect(again.getByTestId('bet-verdict')).toContainText('You were right.');
    await expect(counter(page)).toHaveText('0 of 2 tasks done, 1 of 1 bet placed (1 right)');
  });

  test('the steady task is not done by doing nothing, nor by the wrong knob, and is done by the right one', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(task(page, 'sixty-busy'));
    const root = await experiment(page, STEADY);
    // The experiment's own quiet run is not the reader's: nothing is judged.
    await expect(widget.getByTestId('task-state')).toHaveText('Change the experiment above; each run is checked against these conditions.');
    await expect(widget).toHaveAttribute('data-done', 'false');

    // More traffic lifts the average too, but the task asks for the same traffic.
    await root.getByLabel('Requests per second').fill('150');
    await expect(widget.getByTestId('task-checks')).toContainText('Requests per second: 150 requests/s, needs 100 requests/s');
    await expect(widget.getByTestId('task-state')).toHaveText('Not yet: 1 of 2 conditions hold on your last run.');
    await expect(widget).toHaveAttribute('data-done', 'false');

    await root.getByLabel('Requests per second').fill('100');
    await root.getByLabel('Duration of one request').fill('700');
    await expect(widget).toHaveAttribute('data-done', 'true');
    await expect(widget.getByTestId('task-checks')).toContainText('Average ConcurrentExecutions: 70.');
    await expect(widget.getByTestId('task-announcer')).toHaveText(/^Task done: Keep at least 60 environments busy/);
    await expect(counter(page)).toHaveText('1 of 2 tasks done, 0 of 1 bet placed');

    await page.reload();
    const again = await hydrated(task(page, 'sixty-busy'));
    await expect(again).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText('1 of 2 tasks done, 0 of 1 bet placed');
    // The experiment restores the reader's edits and reruns them; let that run land before the
    // reset, or its verdict would tick the task again after it.
    const restored = await experiment(page, STEADY);
    await expect(restored.getByRole('status').filter({ hasText: 'Run finished' })).toHaveCount(1, { timeout: 30_000 });
    await again.getByRole('button', { name: 'Reset this task' }).click();
    await expect(again).toHaveAttribute('data-done', 'false');
    await expect(again.getByRole('heading', { name: /^Task: Keep at least 60/ })).toBeFocused();
    await expect(counter(page)).toHaveText('0 of 2 tasks done, 0 of 1 bet placed');
  });

  test('the burst task is done only when no request is throttled', async ({ page }) => {
    await page.goto(PATH);
    const widget = await hydrated(task(page, 'burst-without-throttles'));
    const root = await experiment(page, BURST);
    await expect(widget).toHaveAttribute('data-done', 'false');
    const duration = root.getByLabel('Duration of one request');
    // Shorter, but the burst still outruns the scaling rate once cold starts are counted.
    await duration.fill('200');
    await expect(widget.getByTestId('task-checks')).toContainText(/Throttles: [1-9][\d,]*, needs 0/);
    await expect(widget).toHaveAttribute('data-done', 'false');
    await duration.fill('80');
    await expect(widget).toHaveAttribute('data-done', 'true');
    await expect(widget.getByTestId('task-checks')).toContainText('Throttles: 0, needs 0');
    await expect(counter(page)).toHaveText('1 of 2 tasks done, 0 of 1 bet placed');
  });

  test('damaged stored progress is dropped with a notice, and the page still works', async ({ page }) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('lab:progress:v1', '{"concurrency":{"tasks":');
        sessionStorage.setItem('seeded', 'yes');
      }
    });
    await page.goto(PATH);
    await expect(page.getByTestId('chapter-progress').getByRole('alert')).toContainText('Your saved progress could not be read (it is damaged)');
    await expect(counter(page)).toHaveText('0 of 2 tasks done, 0 of 1 bet placed');
    const widget = await hydrated(bet(page));
    await widget.getByRole('radio', { name: /roughly double/ }).check();
    await widget.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(counter(page)).toHaveText('0 of 2 tasks done, 1 of 1 bet placed (1 right)');
    await page.reload();
    await expect(page.getByTestId('chapter-progress').getByRole('alert')).toHaveCount(0);
    await expect(counter(page)).toHaveText('0 of 2 tasks done, 1 of 1 bet placed (1 right)');
  });

  test('without JavaScript the widgets explain themselves and the answer waits in a closed disclosure', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(PATH);
    await expect(page.getByTestId('chapter-progress')).toContainText('needs JavaScript');
    const answer = bet(page).locator('details');
    await expect(answer).not.toHaveAttribute('open');
    await expect(answer.locator('summary')).toHaveText('Show the answer');
    await expect(bet(page)).toContainText('Locking in a bet needs JavaScript.');
    await expect(task(page, 'sixty-busy').getByTestId('task-state')).toContainText('Open the experiment above');
    await expect(task(page, 'sixty-busy').getByTestId('task-checks')).toContainText('Average ConcurrentExecutions: needs at least 60');
    await context.close();
  });

  for (const theme of THEMES) {
    test(`axe finds no violations in the widgets, open and finished, in the ${theme} theme`, async ({ page }) => {
      await gotoInTheme(page, PATH, theme);
      const scan = async (when: string) => {
        const { violations } = await new AxeBuilder({ page })
          .include('[data-testid="bet"]')
          .include('[data-testid="task"]')
          .include('[data-testid="chapter-progress"]')
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        const report = violations.map((v) => `[${v.id}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
        expect(violations.map((v) => v.id), `${when} (${theme}):\n${report}`).toEqual([]);
      };
      const widget = await hydrated(bet(page));
      await hydrated(task(page, 'sixty-busy'));
      await scan('before anything is done');
      await widget.getByRole('radio', { name: /roughly halve/ }).check();
      await widget.getByRole('button', { name: 'Lock in my bet' }).click();
      const root = await experiment(page, STEADY);
      await root.getByLabel('Duration of one request').fill('700');
      await expect(task(page, 'sixty-busy')).toHaveAttribute('data-done', 'true');
      await scan('with a wrong bet revealed and a task done');
    });
  }

  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      test(`screenshots of the bet and a task at ${width} px in the ${theme} theme`, async ({ page }) => {
        mkdirSync(SHOTS, { recursive: true });
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, PATH, theme);
        const widget = await hydrated(bet(page));
        await widget.getByRole('radio', { name: /roughly double/ }).check();
        await widget.getByRole('button', { name: 'Lock in my bet' }).click();
        await expect(widget).toHaveAttribute('data-state', 'right');
        const root = await experiment(page, STEADY);
        await root.getByLabel('Duration of one request').fill('700');
        const done = task(page, 'sixty-busy');
        await expect(done).toHaveAttribute('data-done', 'true');
        const open = task(page, 'burst-without-throttles');
        const burst = await experiment(page, BURST);
        await burst.getByLabel('Duration of one request').fill('200');
        await expect(open.getByTestId('task-state')).toContainText('Not yet');
        await page.getByTestId('chapter-progress').screenshot({ path: join(SHOTS, `progress-${theme}-${width}.png`) });
        await widget.screenshot({ path: join(SHOTS, `bet-${theme}-${width}.png`) });
        await done.screenshot({ path: join(SHOTS, `task-done-${theme}-${width}.png`) });
        await open.screenshot({ path: join(SHOTS, `task-open-${theme}-${width}.png`) });
      });
    }
  }
});
