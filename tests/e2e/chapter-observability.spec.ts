import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { scrollThrough } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';
import { counter, expectNoAxeViolations } from './support/chapter.ts';

// The observability chapter: three dashboards (Lambda and Kinesis, the mapping's own metrics,
// Kafka), then five mysteries whose IteratorAge grows, each with a diagnosis and a task,
// and one bet. Driven as a reader would: sliders, radio buttons, buttons.
const PATH = '/chapters/observability/';
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots', 'chapter-observability');
// A long page of eight experiments on a busy machine: hydration and runs take their time.
const PATIENT = { timeout: 60_000 };
const DASHBOARDS = ['dashboard-kinesis', 'dashboard-mapping', 'dashboard-kafka'];
const MYSTERIES = ['mystery-orders', 'mystery-clickstream', 'mystery-payments', 'mystery-telemetry', 'mystery-logs'];
const START = '0 of 5 tasks done, 0 of 1 bet placed, 0 of 5 mysteries solved';

async function experiment(page: Page, id: string): Promise<Locator> {
  const root = page.locator(`[data-testid="experiment"][data-experiment="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-hydrated', 'true', PATIENT);
  return root;
}

async function hydrated(widget: Locator): Promise<Locator> {
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-hydrated', 'true', PATIENT);
  return widget;
}

const diagnosis = (page: Page, id: string) => page.locator(`[data-testid="diagnosis"][data-diagnosis="${id}"]`);
const bet = (page: Page) => page.locator('[data-testid="bet"][data-bet="shards-under-throttling"]');
const task = (page: Page, id: string) => page.locator(`[data-testid="task"][data-task="${id}"]`);
const slider = (root: Locator, name: RegExp) => root.getByTestId('knobs-a').getByRole('slider', { name });

async function commit(widget: Locator, cause: RegExp): Promise<void> {
  await widget.getByRole('radio', { name: cause }).check();
  await widget.getByRole('button', { name: 'Commit to this diagnosis' }).click();
}

test.describe('the observability chapter', () => {
  test('loads without console errors and every experiment hydrates', async ({ page }) => {
    test.setTimeout(300_000);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Observability' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Coming soon');
    await expect(counter(page)).toHaveText(START);
    const kinesis = await experiment(page, 'dashboard-kinesis');
    await expect(kinesis.getByTestId('chart-GetRecords.IteratorAgeMilliseconds')).toBeVisible();
    await expect(kinesis.getByTestId('chart-WriteProvisionedThroughputExceeded')).toBeVisible();
    const mapping = await experiment(page, 'dashboard-mapping');
    await expect(mapping.getByTestId('chart-OnFailureDestinationDeliveredEventCount')).toBeVisible();
    const kafka = await experiment(page, 'dashboard-kafka');
    await expect(kafka.getByTestId('chart-ProvisionedPollers')).toBeVisible();
    for (const id of MYSTERIES) {
      const root = await experiment(page, id);
      await expect(root.getByTestId('chart-IteratorAge')).toBeVisible();
      await expect(root.getByTestId('knobs-a').getByRole('slider')).toHaveCount(7);
    }
    // A dashboard runs again when a knob moves.
    const before = await kinesis.getByTestId('experiment-outcomes').innerText();
    await slider(kinesis, /^ShardCount/).fill('10');
    await expect(kinesis.getByTestId('knob-ShardCount')).toHaveText('10 shards');
    await expect.poll(() => kinesis.getByTestId('experiment-outcomes').innerText(), PATIENT).not.toBe(before);
    await scrollThrough(page);
    await page.waitForLoadState('networkidle');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('a diagnosis is committed, revealed with every fix the engine tried, and kept across a reload', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(PATH);
    const widget = await hydrated(diagnosis(page, 'orders'));
    await expect(widget.getByTestId('diagnosis-verdict')).toHaveCount(0);
    await expect(widget.getByTestId('diagnosis-reason')).toHaveCount(0);
    await expect(widget.getByRole('button', { name: 'Commit to this diagnosis' })).toBeDisabled();
    await commit(widget, /The function is throttled/);
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    await expect(widget.getByTestId('diagnosis-verdict')).toContainText('Not this time. The cause: The function is too slow for the batches it gets.');
    await expect(widget.getByTestId('diagnosis-fixes').locator('li')).toHaveCount(5);
    await expect(widget.getByTestId('diagnosis-fixes').locator('li').first()).toContainText('resolves it');
    await expect(widget.getByTestId('diagnosis-reason')).toContainText('Lambda gives CPU in proportion to memory');
    await expect(counter(page)).toHaveText(START);

    await page.reload();
    const again = await hydrated(diagnosis(page, 'orders'));
    await expect(again).toHaveAttribute('data-state', 'wrong');
    await again.getByRole('button', { name: 'Try again' }).click();
    await expect(again).toHaveAttribute('data-state', 'open');
    await commit(again, /too slow/);
    await expect(again).toHaveAttribute('data-state', 'right');
    await expect(again.getByTestId('diagnosis-verdict')).toContainText('Solved.');
    await expect(counter(page)).toHaveText('0 of 5 tasks done, 0 of 1 bet placed, 1 of 5 mysteries solved');

    await page.reload();
    await expect(await hydrated(diagnosis(page, 'orders'))).toHaveAttribute('data-state', 'right');
    await expect(counter(page)).toHaveText('0 of 5 tasks done, 0 of 1 bet placed, 1 of 5 mysteries solved');
  });

  test('the bet is locked in, revealed and kept across a reload', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(PATH);
    const widget = await hydrated(bet(page));
    await widget.getByRole('radio', { name: /^fall/ }).check();
    await widget.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(widget).toHaveAttribute('data-state', 'wrong');
    await expect(widget.getByTestId('bet-verdict')).toContainText('The answer: grow: more readers compete for the same few slots.');
    await expect(widget.getByTestId('bet-explanation')).toContainText('Throttles went from 3,511 to 8,198');
    await expect(counter(page)).toHaveText('0 of 5 tasks done, 1 of 1 bet placed (0 right), 0 of 5 mysteries solved');

    await page.reload();
    const again = await hydrated(bet(page));
    await expect(again).toHaveAttribute('data-state', 'wrong');
    await again.getByRole('button', { name: 'Try again' }).click();
    await again.getByRole('radio', { name: /^grow/ }).check();
    await again.getByRole('button', { name: 'Lock in my bet' }).click();
    await expect(again).toHaveAttribute('data-state', 'right');
    await expect(counter(page)).toHaveText('0 of 5 tasks done, 1 of 1 bet placed (1 right), 0 of 5 mysteries solved');
  });

  test('no task is done by doing nothing or by a fix for the wrong cause; each is done by the right fix', async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(PATH);
    const fix = async (experimentId: string, taskId: string, steps: { knob: RegExp; value: string; done: boolean }[]) => {
      const widget = await hydrated(task(page, taskId));
      const root = await experiment(page, experimentId);
      await expect(widget).toHaveAttribute('data-done', 'false');
      for (const step of steps) {
        await slider(root, step.knob).fill(step.value);
        if (step.done) await expect(widget).toHaveAttribute('data-done', 'true', PATIENT);
        else {
          await expect(widget.getByTestId('task-state')).toHaveText(/^Not yet/, PATIENT);
          await expect(widget).toHaveAttribute('data-done', 'false');
        }
      }
    };
    // A wrong cause's fix first (the run is checked and still fails), then the right one.
    await fix('mystery-orders', 'orders-caught-up', [
      { knob: /^ReservedConcurrentExecutions/, value: '50', done: false },
      { knob: /^MemorySize/, value: '1792', done: true },
    ]);
    await fix('mystery-clickstream', 'clickstream-caught-up', [
      { knob: /^ShardCount/, value: '8', done: false },
      { knob: /^Share of records on one partition key/, value: '0', done: true },
    ]);
    await fix('mystery-payments', 'payments-caught-up', [
      { knob: /^MemorySize/, value: '1792', done: false },
      { knob: /^ReservedConcurrentExecutions/, value: '50', done: true },
    ]);
    // Retries alone bring the age down but give up on good records with the bad ones.
    await fix('mystery-telemetry', 'telemetry-caught-up', [
      { knob: /^MaximumRetryAttempts/, value: '2', done: false },
      { knob: /^BisectBatchOnFunctionError/, value: '1', done: true },
    ]);
    // More batches per shard bring the age down, but the stream still refuses writes.
    await fix('mystery-logs', 'logs-caught-up', [
      { knob: /^ParallelizationFactor/, value: '4', done: false },
      { knob: /^ShardCount/, value: '4', done: true },
    ]);
    await expect(counter(page)).toHaveText('5 of 5 tasks done, 0 of 1 bet placed, 0 of 5 mysteries solved');

    await page.reload();
    await expect(await hydrated(task(page, 'logs-caught-up'))).toHaveAttribute('data-done', 'true');
    await expect(counter(page)).toHaveText('5 of 5 tasks done, 0 of 1 bet placed, 0 of 5 mysteries solved');
  });

  for (const theme of THEMES) {
    test(`axe finds no violations on the chapter, open and finished, in the ${theme} theme`, async ({ page }) => {
      test.setTimeout(400_000);
      await gotoInTheme(page, PATH, theme);
      const scan = (when: string, only?: string[]) => expectNoAxeViolations(page, `${when} (${theme})`, only);
      for (const id of [...DASHBOARDS, ...MYSTERIES]) await experiment(page, id);
      await hydrated(diagnosis(page, 'logs'));
      await hydrated(bet(page));
      await scan('before anything is done');
      await commit(diagnosis(page, 'logs'), /Too few shards/);
      await expect(diagnosis(page, 'logs')).toHaveAttribute('data-state', 'right');
      await commit(await hydrated(diagnosis(page, 'clickstream')), /throttled/);
      await expect(diagnosis(page, 'clickstream')).toHaveAttribute('data-state', 'wrong');
      const root = await experiment(page, 'mystery-logs');
      await slider(root, /^ShardCount/).fill('4');
      await expect(task(page, 'logs-caught-up')).toHaveAttribute('data-done', 'true', PATIENT);
      await scan('with diagnoses revealed and a task done', [
        '[data-experiment="mystery-logs"]',
        '[data-testid="diagnosis"]',
        '[data-testid="task"]',
        '[data-testid="chapter-progress"]',
      ]);
    });
  }

  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      test(`screenshots at ${width} px in the ${theme} theme`, async ({ page }) => {
        test.setTimeout(400_000);
        mkdirSync(SHOTS, { recursive: true });
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, PATH, theme);
        await page.screenshot({ path: join(SHOTS, `top-${theme}-${width}.png`) });
        const root = await experiment(page, 'mystery-telemetry');
        await root.screenshot({ path: join(SHOTS, `mystery-${theme}-${width}.png`) });
        const widget = await hydrated(diagnosis(page, 'telemetry'));
        await widget.screenshot({ path: join(SHOTS, `diagnosis-open-${theme}-${width}.png`) });
        await commit(widget, /poison pill/);
        await expect(widget).toHaveAttribute('data-state', 'right');
        await widget.screenshot({ path: join(SHOTS, `diagnosis-${theme}-${width}.png`) });
        await slider(root, /^MaximumRetryAttempts/).fill('2');
        await slider(root, /^BisectBatchOnFunctionError/).fill('1');
        await expect(task(page, 'telemetry-caught-up')).toHaveAttribute('data-done', 'true', PATIENT);
        await task(page, 'telemetry-caught-up').screenshot({ path: join(SHOTS, `task-${theme}-${width}.png`) });
        const dashboard = await experiment(page, 'dashboard-mapping');
        await dashboard.screenshot({ path: join(SHOTS, `dashboard-${theme}-${width}.png`) });
        await scrollThrough(page);
        await page.screenshot({ path: join(SHOTS, `page-${theme}-${width}.png`), fullPage: true });
      });
    }
  }
});
