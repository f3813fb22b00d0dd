import { expect, test, type Locator, type Page } from '@playwright/test';

const PATH = '/chapters/concurrency/';
const STEADY = 'concurrency-steady-requests';
const BURST = 'concurrency-scaling-burst';

/** Opens the chapter and waits until experiment `id` has hydrated and has its run's pictures. */
async function openExperiment(page: Page, id = STEADY): Promise<Locator> {
  await page.goto(PATH);
  const root = page.locator(`[data-testid="experiment"][data-experiment="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-hydrated', 'true');
  return root;
}

async function law(root: Locator): Promise<{ predicted: number; average: number }> {
  const line = root.getByTestId('experiment-law');
  return { predicted: Number(await line.getAttribute('data-predicted')), average: Number(await line.getAttribute('data-average')) };
}

/** Little's law as the reader reads it: the run's average concurrency within 10% of rate × duration. */
async function expectLawHolds(root: Locator, rate: number, durationMs: number): Promise<void> {
  await expect(root.getByTestId('knob-requestsPerSecond')).toHaveText(`${rate.toLocaleString('en-US')} requests/s`);
  await expect(root.getByTestId('knob-requestDurationMs')).toHaveText(`${durationMs.toLocaleString('en-US')} ms`);
  const expected = (rate * durationMs) / 1000;
  // The rerun lands after the worker answers; each step below moves the prediction by far more than 10%.
  await expect(async () => {
    const { predicted, average } = await law(root);
    expect(Math.abs(predicted - expected) / expected, `predicted ${predicted} at ${rate}/s × ${durationMs} ms`).toBeLessThan(0.1);
    expect(Math.abs(average - predicted) / predicted, `average ${average} vs predicted ${predicted}`).toBeLessThanOrEqual(0.1);
  }).toPass({ timeout: 10_000 });
}

test.describe('the concurrency chapter on the workbench', () => {
  test('every slider has an accessible name', async ({ page }) => {
    const root = await openExperiment(page);
    for (const slider of await root.getByRole('slider').all()) await expect(slider).toHaveAccessibleName(/\S/);
    await expect(root.getByRole('slider', { name: 'Requests per second' })).toHaveCount(1);
    await expect(root.getByRole('slider', { name: 'Duration of one request' })).toHaveCount(1);
    await expect(root.getByRole('slider', { name: 'Moment' })).toHaveCount(1);
  });

  test("the run's average concurrency stays within 10% of Little's law as the knobs move", async ({ page }) => {
    const root = await openExperiment(page);
    await expectLawHolds(root, 100, 500);
    const rate = root.getByLabel('Requests per second');
    const duration = root.getByLabel('Duration of one request');
    await rate.focus();
    await page.keyboard.press('End');
    await expectLawHolds(root, 400, 500);
    await duration.focus();
    await page.keyboard.press('Home');
    await expectLawHolds(root, 400, 20);
    await rate.fill('40');
    await duration.fill('1500');
    await expectLawHolds(root, 40, 1500);
  });

  test('the same settings always give the same run', async ({ page }) => {
    const root = await openExperiment(page);
    const chart = root.getByTestId('chart-ConcurrentExecutions');
    // A drawn chart keeps its table only while it is open.
    await chart.getByText('Show the data as a table').click();
    const table = chart.locator('details table');
    const first = await table.textContent();
    const rate = root.getByLabel('Requests per second');
    await rate.focus();
    await page.keyboard.press('ArrowRight');
    await expect(root.getByTestId('knob-requestsPerSecond')).toHaveText('105 requests/s');
    await expect.poll(() => table.textContent()).not.toBe(first);
    await page.keyboard.press('ArrowLeft');
    await expect(root.getByTestId('knob-requestsPerSecond')).toHaveText('100 requests/s');
    await expect.poll(() => table.textContent()).toBe(first);
  });

  test('the moment view shows idle environments waiting for reuse at a low rate', async ({ page }) => {
    const root = await openExperiment(page);
    await root.getByLabel('Requests per second').fill('5');
    await root.getByLabel('Duration of one request').fill('50');
    await expectLawHolds(root, 5, 50);
    await root.getByTestId('timeline-scrub').fill('150');
    const counts = root.getByTestId('moment-counts');
    await expect(counts).toContainText('At 2:30');
    // A quarter of an environment is busy on average, yet clumps of arrivals have made several.
    await expect.poll(async () => Number(await counts.getAttribute('data-idle'))).toBeGreaterThan(0);
  });

  test('Play moves through the run and Pause stops it', async ({ page }) => {
    const root = await openExperiment(page);
    await root.getByTestId('timeline-scrub').fill('0');
    const counts = root.getByTestId('moment-counts');
    const before = await counts.textContent();
    await root.getByTestId('timeline-speed').selectOption('10');
    await root.getByTestId('timeline-play').click();
    await expect(counts).not.toHaveText(before ?? '');
    await root.getByTestId('timeline-play').click();
    const paused = await root.getByTestId('timeline-clock').textContent();
    await page.waitForTimeout(400);
    await expect(root.getByTestId('timeline-clock')).toHaveText(paused ?? '');
  });

  test('a chart scrubbed while its data is still animating ends up drawn right', async ({ page }) => {
    const root = await openExperiment(page, BURST);
    const canvas = root.getByTestId('chart-ConcurrentExecutions').locator('canvas');
    const pixels = () => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    // Straight after hydration the quiet re-run has just replaced the data, and Chart.js animates that.
    await root.getByTestId('timeline-scrub').fill('30');
    await page.waitForTimeout(1_000);
    const first = await pixels();
    // The same moment again, long after any animation: the drawing must be the same.
    await root.getByTestId('timeline-scrub').fill('60');
    await root.getByTestId('timeline-scrub').fill('30');
    await page.waitForTimeout(500);
    expect(await pixels()).toBe(first);
  });

  test('the burst past the scaling rate throttles, and the binding line names the limit', async ({ page }) => {
    const root = await openExperiment(page, BURST);
    await expect.poll(async () => Number(await root.getByTestId('outcome-throttles').getAttribute('data-value'))).toBeGreaterThan(0);
    await expect(root.getByTestId('chart-Throttles').locator('canvas')).toHaveAttribute('aria-label', /Marked: .*first throttle/);
    // An event source mapping document makes no sense for requests straight to a function.
    await expect(root.getByTestId('experiment-export-kind').locator('option')).toHaveText(['Scenario (JSON)', 'Charted metrics (CSV)']);
  });
});
