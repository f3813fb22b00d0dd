/**
 * An experiment that fails says so and can start again, and the rest of the page keeps
 * working (src/components/FailureBoundary.svelte). Two failures are forced: the engine's
 * code cannot be loaded (the network went away), and drawing a chart throws.
 */
import { expect, test, type Page } from '@playwright/test';
import { experiment, hydrated, PATIENT } from './support/chapter.ts';

const PATH = '/chapters/batching/';
const ID = 'latency-cost';
const bet = (page: Page) => page.locator('[data-testid="bet"][data-bet="five-second-window"]');

test.describe.configure({ timeout: 120_000 });

test('when the engine cannot be loaded, the experiment stops with the reason, the page keeps working, and it starts again', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(PATH);
  const root = await experiment(page, ID);
  // The network goes: neither the worker nor the page's fallback can load the engine's run code.
  const blocked = /\/_astro\/(run-worker|run-job|engine-run)[^/]*\.js$/;
  await page.route(blocked, (route) => route.abort('internetdisconnected'));

  await root.getByTestId('knobs-a').getByRole('slider', { name: /^MaximumBatchingWindowInSeconds/ }).focus();
  await page.keyboard.press('End');
  const stopped = page.getByTestId('island-stopped');
  await expect(stopped).toBeVisible(PATIENT);
  await expect(stopped).toContainText('This experiment stopped:');
  await expect(stopped.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(stopped.getByRole('button', { name: 'Reset this experiment' })).toBeVisible();
  // The reader is taken to the message, and the failure is logged for whoever debugs it.
  await expect(stopped.locator('.stopped__title')).toBeFocused();
  expect(consoleErrors.some((e) => e.includes('The experiment stopped'))).toBe(true);

  // The rest of the page: a bet still locks in and reveals; the other experiment still shows its run.
  const widget = await hydrated(bet(page));
  await widget.getByRole('radio', { name: /about a fifth/ }).check();
  await widget.getByRole('button', { name: 'Lock in my bet' }).click();
  await expect(widget).toHaveAttribute('data-state', 'wrong');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // The network is back: Reset brings the experiment back at the chapter's settings, and it runs.
  await page.unroute(blocked);
  await stopped.getByRole('button', { name: 'Reset this experiment' }).click();
  const again = await experiment(page, ID);
  await expect(page.getByTestId('island-stopped')).toHaveCount(0);
  const invocations = again.getByTestId('outcome-invocations');
  await expect(invocations).toHaveText('6,000');
  await again.getByTestId('knobs-a').getByRole('slider', { name: /^MaximumBatchingWindowInSeconds/ }).focus();
  await page.keyboard.press('End');
  await expect(invocations).not.toHaveText('6,000', PATIENT);
});

test('when drawing a chart throws, the experiment stops with that reason instead of a half-drawn island', async ({ page }) => {
  await page.addInitScript(() => {
    HTMLCanvasElement.prototype.getContext = () => {
      throw new Error('This browser cannot draw on a canvas here');
    };
  });
  await page.goto(PATH);
  // The experiment as the page was built; it hydrates (and then fails) once scrolled into view.
  await page.locator(`[data-experiment="${ID}"]`).scrollIntoViewIfNeeded();
  const stopped = page.getByTestId('island-stopped').first();
  await expect(stopped).toBeVisible(PATIENT);
  await expect(stopped).toContainText('This experiment stopped: This browser cannot draw on a canvas here.');
  // A bet has no canvas: it still works.
  const widget = await hydrated(bet(page));
  await widget.getByRole('radio', { name: /about a fifth/ }).check();
  await widget.getByRole('button', { name: 'Lock in my bet' }).click();
  await expect(widget).toHaveAttribute('data-state', 'wrong');
});
