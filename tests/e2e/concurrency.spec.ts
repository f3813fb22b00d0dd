import { expect, test, type Locator, type Page } from '@playwright/test';
import { nextFrames } from './support/pages.ts';

const PATH = '/chapters/concurrency/';

interface Lab {
  root: Locator;
  rate: Locator;
  duration: Locator;
  rateValue: Locator;
  durationValue: Locator;
  predicted: Locator;
  average: Locator;
  canvas: Locator;
  table: Locator;
  seed: Locator;
}

function labOn(page: Page): Lab {
  const root = page.getByTestId('concurrency-lab');
  return {
    root,
    rate: root.getByLabel(/Arrival rate/),
    duration: root.getByLabel(/Duration of one request/),
    rateValue: root.getByTestId('rate-value'),
    durationValue: root.getByTestId('duration-value'),
    predicted: root.getByTestId('predicted'),
    average: root.getByTestId('simulated-average'),
    canvas: root.locator('canvas[role="img"]'),
    table: root.locator('details table'),
    seed: root.getByTestId('seed-value'),
  };
}

/** Opens the chapter and waits until the client:visible island has hydrated and drawn its chart. */
async function openLab(page: Page, { checkLabels = true } = {}): Promise<Lab> {
  await page.goto(PATH);
  const lab = labOn(page);
  await lab.root.scrollIntoViewIfNeeded();
  // Astro drops the island's `ssr` attribute once the component has hydrated.
  await expect(page.locator('astro-island:not([ssr])', { has: lab.root })).toHaveCount(1);
  await settledCanvas(lab);
  if (!checkLabels) return lab;
  for (const [name, slider] of [
    ['Arrival rate', lab.rate],
    ['Duration of one request', lab.duration],
  ] as const) {
    // Fail here with the likely cause rather than later with a confusing timeout: a <label>
    // belongs to its first labelable descendant, so an <output> placed before the <input>
    // inside it takes the label away from the slider.
    await expect(
      slider,
      `the "${name}" label should belong to the range input (is an <output> before the <input> inside the <label>?)`,
    ).toHaveAttribute('type', 'range', { timeout: 1_000 });
  }
  return lab;
}

/**
 * The chart's pixels once drawing has finished: Chart.js animates updates for 250 ms, and
 * resizes the canvas after layout, so wait for two identical, non-blank reads in a row.
 */
async function settledCanvas(lab: Lab): Promise<string> {
  let previous = '';
  let current = '';
  await expect
    .poll(
      async () => {
        previous = current;
        const read = await lab.canvas.evaluate((canvas: HTMLCanvasElement) => {
          const blank = document.createElement('canvas');
          blank.width = canvas.width;
          blank.height = canvas.height;
          const url = canvas.toDataURL();
          return { url, blank: url === blank.toDataURL() };
        });
        current = read.blank ? '' : read.url;
        return current !== '' && current === previous;
      },
      { message: 'the chart should be drawn and stop changing', intervals: [300] },
    )
    .toBe(true);
  return current;
}

const tableText = (lab: Lab): Promise<string | null> => lab.table.textContent();
const canvasPixels = (lab: Lab): Promise<string> =>
  lab.canvas.evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL());

async function press(page: Page, slider: Locator, key: string, times = 1): Promise<void> {
  await slider.focus();
  for (let i = 0; i < times; i++) await slider.press(key);
  // The island reruns the simulation in the next animation frame.
  await nextFrames(page);
}

async function numberAttr(locator: Locator): Promise<number> {
  const raw = await locator.getAttribute('data-value');
  expect(raw, 'data-value attribute').not.toBeNull();
  const value = Number(raw);
  expect(Number.isFinite(value), `data-value "${raw}" is a number`).toBe(true);
  return value;
}

/** Checks Little's law as the reader sees it: prediction = rate × duration, simulation within 10%. */
async function expectLawHolds(lab: Lab, expected: { rate: number; durationMs: number }): Promise<void> {
  await expect(lab.rate).toHaveValue(String(expected.rate));
  await expect(lab.duration).toHaveValue(String(expected.durationMs));
  await expect(lab.rateValue).toHaveText(`${expected.rate.toLocaleString('en-US')} requests/s`);
  await expect(lab.durationValue).toHaveText(`${expected.durationMs.toLocaleString('en-US')} ms`);

  const rate = Number(await lab.rate.inputValue());
  const durationMs = Number(await lab.duration.inputValue());
  // The rerun lands a frame after the slider moves, so retry until it has. Each step below
  // moves the prediction by more than 10%, so a stale average fails rather than passes.
  await expect(async () => {
    const predicted = await numberAttr(lab.predicted);
    const average = await numberAttr(lab.average);
    expect(predicted, `predicted at ${rate}/s × ${durationMs} ms`).toBeCloseTo((rate * durationMs) / 1000, 9);
    const error = Math.abs(average - predicted) / predicted;
    expect(
      error,
      `simulated average ${average} vs predicted ${predicted} at ${rate}/s × ${durationMs} ms`,
    ).toBeLessThanOrEqual(0.1);
  }).toPass({ timeout: 5_000 });
}

test.describe('concurrency lab', () => {
  test('every slider has an accessible name', async ({ page }) => {
    const lab = await openLab(page, { checkLabels: false });
    const sliders = await lab.root.getByRole('slider').all();
    expect(sliders.length, 'the lab has its sliders').toBeGreaterThanOrEqual(2);
    // axe accepts a wrapping <label> even when the browser gives its text to an <output>
    // inside it (the first labelable element) and none to the slider, so check the name itself.
    for (const slider of sliders) {
      const html = await slider.evaluate((el) => el.outerHTML.slice(0, 120));
      await expect(slider, `slider without an accessible name: ${html}`).toHaveAccessibleName(/\S/);
    }
    await expect(lab.root.getByRole('slider', { name: /Arrival rate/ })).toHaveCount(1);
    await expect(lab.root.getByRole('slider', { name: /Duration of one request/ })).toHaveCount(1);
  });

  test('hydrates when scrolled into view and reacts to the sliders', async ({ page }) => {
    const lab = await openLab(page);
    await expect(lab.rateValue).toHaveText('100 requests/s');

    await lab.rate.fill('250');
    await expect(lab.rateValue).toHaveText('250 requests/s');
    await expect(lab.rate).toHaveAttribute('aria-valuetext', '250 requests per second');
  });

  test('moving the arrival-rate slider redraws the chart and its data table', async ({ page }) => {
    const lab = await openLab(page);
    const beforeTable = await tableText(lab);
    const beforeLabel = await lab.canvas.getAttribute('aria-label');
    const beforePixels = await canvasPixels(lab);
    expect(beforeTable?.length ?? 0, 'the data table has content').toBeGreaterThan(100);

    await press(page, lab.rate, 'ArrowRight', 4);
    await expect(lab.rateValue).toHaveText('120 requests/s');

    await expect.poll(() => tableText(lab), { message: 'data table should change' }).not.toBe(beforeTable);
    await expect.poll(() => canvasPixels(lab), { message: 'canvas pixels should change' }).not.toBe(beforePixels);
    await expect(lab.canvas).not.toHaveAttribute('aria-label', beforeLabel ?? '');
    await expect(lab.canvas).toHaveAttribute('aria-label', /120 requests per second/);
  });

  test("the simulated average stays within 10% of Little's law", async ({ page }) => {
    const lab = await openLab(page);
    await expectLawHolds(lab, { rate: 100, durationMs: 500 });

    await press(page, lab.rate, 'End');
    await expectLawHolds(lab, { rate: 400, durationMs: 500 });

    await press(page, lab.duration, 'Home');
    await expectLawHolds(lab, { rate: 400, durationMs: 20 });

    await press(page, lab.rate, 'Home');
    await press(page, lab.duration, 'End');
    await expectLawHolds(lab, { rate: 5, durationMs: 2000 });

    // fill() jumps straight to a value; pressing an arrow key 50 times would rerun the model 50 times.
    await lab.rate.fill('40');
    await lab.duration.fill('1500');
    await expectLawHolds(lab, { rate: 40, durationMs: 1500 });
  });

  test('the same settings always produce the same run', async ({ page }) => {
    const lab = await openLab(page);
    const seed = await lab.seed.textContent();
    const first = await tableText(lab);
    const firstAverage = await lab.average.getAttribute('data-value');

    await press(page, lab.rate, 'ArrowRight');
    await expect(lab.rateValue).toHaveText('105 requests/s');
    await expect.poll(() => tableText(lab), { message: 'a different rate gives a different run' }).not.toBe(first);

    await press(page, lab.rate, 'ArrowLeft');
    await expect(lab.rateValue).toHaveText('100 requests/s');
    await expect.poll(() => tableText(lab), { message: 'returning to the rate reproduces the run' }).toBe(first);
    await expect(lab.average).toHaveAttribute('data-value', firstAverage ?? '');
    await expect(lab.seed).toHaveText(seed ?? '');
  });

  test('New random traffic draws another run with the same prediction', async ({ page }) => {
    const lab = await openLab(page);
    const seed = await lab.seed.textContent();
    const table = await tableText(lab);
    const predicted = await lab.predicted.getAttribute('data-value');

    await lab.root.getByRole('button', { name: 'New random traffic' }).click();
    await expect(lab.seed).not.toHaveText(seed ?? '');
    await expect.poll(() => tableText(lab), { message: 'a new seed gives a new run' }).not.toBe(table);
    await expect(lab.predicted).toHaveAttribute('data-value', predicted ?? '');
    await expectLawHolds(lab, { rate: 100, durationMs: 500 });
  });

  test('Play steps through the environments and Pause stops it', async ({ page }) => {
    const lab = await openLab(page);
    const moment = lab.root.getByLabel('Moment', { exact: true });
    const counts = lab.root.getByTestId('env-counts');
    const startMoment = await moment.inputValue();
    const startCounts = await counts.textContent();

    await lab.root.getByRole('button', { name: 'Play' }).click();
    const pause = lab.root.getByRole('button', { name: 'Pause' });
    await expect(pause).toBeVisible();
    await expect(moment).not.toHaveValue(startMoment);
    await expect(counts).not.toHaveText(startCounts ?? '');

    await pause.click();
    await expect(lab.root.getByRole('button', { name: 'Play' })).toBeVisible();
    const paused = await moment.inputValue();
    // Proving that nothing moves needs a wait: several of the player's 120 ms ticks.
    await page.waitForTimeout(600);
    await expect(moment).toHaveValue(paused);
  });

  test('the sliders are reachable with Tab and move with the arrow keys', async ({ page }) => {
    const lab = await openLab(page);
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo({ top: 0, behavior: 'instant' });
    });

    const isFocused = (locator: Locator): Promise<boolean> =>
      locator.evaluate((el) => el === document.activeElement);
    // Tab from the top of the page, as a keyboard user would, until the first slider has focus.
    let presses = 0;
    while (!(await isFocused(lab.rate))) {
      expect(presses, 'the Arrival rate slider should be reachable with Tab').toBeLessThan(150);
      await page.keyboard.press('Tab');
      presses++;
    }

    await page.keyboard.press('ArrowRight');
    await expect(lab.rateValue).toHaveText('105 requests/s');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(lab.rateValue).toHaveText('95 requests/s');

    await page.keyboard.press('Tab');
    await expect(lab.duration).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(lab.durationValue).toHaveText('510 ms');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(lab.durationValue).toHaveText('490 ms');
    await expectLawHolds(lab, { rate: 95, durationMs: 490 });
  });
});
