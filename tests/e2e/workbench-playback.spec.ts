import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { gotoInTheme, THEMES } from './support/theme.ts';

const PATH = '/chapters/shards-and-partitions/';
// The chapter's first experiment (the page has several): the step in traffic on four shards.
const FIRST = '[data-testid="experiment"][data-experiment="kinesis-4-shards"]';
// Six islands share the page (and a busy machine): give the first one time to hydrate and run.
const HYDRATION = { timeout: 30_000 };
// Hydrating the first of six islands can take much of the default 30 s on a loaded machine.
test.describe.configure({ timeout: 90_000 });

/** Opens the chapter and waits until the island has hydrated and has the run's pictures for playback. */
async function openExperiment(page: Page, path = PATH): Promise<Locator> {
  await page.goto(path);
  const root = page.locator(FIRST);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-hydrated', 'true', HYDRATION);
  return root;
}

const clock = async (root: Locator) => Number(await root.getByTestId('timeline-clock').getAttribute('data-value'));

test.describe('experiment playback', () => {
  test('plays, pauses, steps and scrubs; the environments, lanes and binding limit follow the moment', async ({ page }) => {
    const root = await openExperiment(page);
    // Before playing, the experiment shows the end of its run.
    await expect(root.getByTestId('timeline-clock')).toHaveText('10:00 / 10:00');

    await root.getByTestId('timeline-speed').selectOption('60');
    await root.getByTestId('timeline-play').click();
    await expect(root.getByTestId('timeline-play')).toHaveText('Pause');
    await expect.poll(() => clock(root)).toBeGreaterThan(30);
    await root.getByTestId('timeline-play').click();
    await expect(root.getByTestId('timeline-play')).toHaveText('Play');
    const paused = await clock(root);
    await page.waitForTimeout(300);
    expect(await clock(root)).toBe(paused);

    // Four shards × ParallelizationFactor 2: eight lanes.
    const scrub = root.getByTestId('timeline-scrub');
    await scrub.focus();
    await page.keyboard.press('Home');
    await expect(root.getByTestId('timeline-clock')).toHaveText('0:00 / 10:00');
    await page.keyboard.press('End');
    await expect(root.getByTestId('timeline-clock')).toHaveText('10:00 / 10:00');
    await scrub.fill('120');
    await expect(root.getByTestId('moment-counts')).toContainText('At 2:00');
    await expect(root.getByTestId('moment-counts')).toContainText(/4 of 8\s+lanes invoking/);
    const early = await root.getByTestId('moment-binding').innerText();
    // After the producer triples its rate at 5:00 the shards' write limit binds at 100%.
    await scrub.fill('420');
    await expect(root.getByTestId('moment-counts')).toContainText('At 7:00');
    await expect(root.getByTestId('moment-binding')).toContainText('shard write limit');
    await expect(root.getByTestId('moment-binding')).toContainText('100% used');
    expect(early).not.toBe(await root.getByTestId('moment-binding').innerText());

    // One step moves by one picture of the run (2 s for a ten-minute run).
    await root.getByTestId('timeline-step').click();
    await expect(root.getByTestId('timeline-clock')).toHaveText('7:02 / 10:00');
    await root.getByTestId('timeline-back').click();
    await root.getByTestId('timeline-back').click();
    await expect(root.getByTestId('timeline-clock')).toHaveText('6:58 / 10:00');
  });

  test('marks the spike on the charts and announces it as playback passes it', async ({ page }) => {
    const root = await openExperiment(page);
    const chart = root.getByTestId('chart-IteratorAge');
    await expect(chart.locator('canvas')).toHaveAttribute('aria-label', /Marked: traffic ×3 at 5:00/);
    await root.getByTestId('timeline-scrub').fill('290');
    await root.getByTestId('timeline-speed').selectOption('60');
    await root.getByTestId('timeline-play').click();
    await expect(root.getByTestId('run-announcer')).toContainText('5:00: traffic jumps from', { timeout: 10_000 });
  });

  test('under reduced motion, Play goes straight to the end', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const root = await openExperiment(page);
    await root.getByTestId('timeline-scrub').fill('60');
    await root.getByTestId('timeline-play').click();
    await expect(root.getByTestId('timeline-clock')).toHaveText('10:00 / 10:00');
    await expect(root.getByTestId('timeline-play')).toHaveText('Play');
  });

  test('pauses when scrolled off screen and resumes when back', async ({ page }) => {
    // A short window, so that the top of the page and the experiment cannot both be in view.
    await page.setViewportSize({ width: 1280, height: 400 });
    const root = await openExperiment(page);
    await root.getByTestId('timeline-speed').selectOption('1');
    await root.getByTestId('timeline-scrub').fill('0');
    await root.getByTestId('timeline-play').click();
    await expect(root.getByTestId('timeline-play')).toHaveText('Pause');
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await root.evaluate((el) => el.getBoundingClientRect().top > window.innerHeight)).toBe(true);
    await expect(root.getByTestId('timeline-play')).toHaveText('Play');
    const away = await clock(root);
    await page.waitForTimeout(400);
    expect(await clock(root)).toBe(away);
    await root.getByTestId('timeline').scrollIntoViewIfNeeded();
    await expect(root.getByTestId('timeline-play')).toHaveText('Pause');
  });

  test('compares A with B on identical traffic; A stays as it was', async ({ page }) => {
    const root = await openExperiment(page);
    const outcomesA = await root.getByTestId('experiment-outcomes').innerText();
    await root.getByTestId('compare-open').click();
    const rows = root.getByTestId('compare-row');
    await expect(rows.first()).toBeVisible();
    // A copy on the same traffic: every difference is zero.
    for (const row of await rows.all()) expect(await row.getAttribute('data-a')).toBe(await row.getAttribute('data-b'));

    await root.getByTestId('knobs-b').getByLabel('ShardCount (B)').fill('10');
    await expect(root.getByTestId('knob-b-ShardCount')).toHaveText('10 shards');
    const processed = root.locator('[data-testid="compare-row"][data-label="Records processed"]');
    await expect.poll(async () => Number(await processed.getAttribute('data-b'))).toBeGreaterThan(Number(await processed.getAttribute('data-a')));
    const cost = root.locator('[data-testid="compare-row"][data-label="Cost per month"]');
    expect(Number(await cost.getAttribute('data-b'))).toBeGreaterThan(Number(await cost.getAttribute('data-a')));
    // A is unchanged: same knobs, same outcomes.
    await expect(root.getByTestId('knob-ShardCount')).toHaveText('4 shards');
    expect(await root.getByTestId('experiment-outcomes').innerText()).toBe(outcomesA);
    // The charts overlay both runs.
    await root.getByTestId('chart-IteratorAge').getByText('Show the data as a table').click();
    await expect(root.getByTestId('chart-IteratorAge').locator('table th', { hasText: 'B: IteratorAge Maximum' })).toBeVisible();
    // B's run is a trial too.
    await expect(root.getByTestId('trial-row').last()).toContainText('B, ShardCount 10 shards');
    await root.getByTestId('compare-close').click();
    await expect(root.getByTestId('compare-table')).toHaveCount(0);
  });

  test('a link keeps the comparison and the moment', async ({ page, context }) => {
    const root = await openExperiment(page);
    await root.getByTestId('compare-open').click();
    await root.getByTestId('knobs-b').getByLabel('ShardCount (B)').fill('8');
    await expect(root.getByTestId('knob-b-ShardCount')).toHaveText('8 shards');
    // Wait for B's run: eight shards cost more than four.
    const cost = root.locator('[data-testid="compare-row"][data-label="Cost per month"]');
    await expect.poll(async () => Number(await cost.getAttribute('data-b')) > Number(await cost.getAttribute('data-a'))).toBe(true);
    await root.getByTestId('timeline-scrub').fill('300');
    await root.getByTestId('experiment-share').click();
    const link = await root.getByTestId('experiment-link').inputValue();
    const rowsBefore = await root.getByTestId('compare-table').innerText();

    const other = await context.newPage();
    const opened = await openExperiment(other, link.replace(/^https?:\/\/[^/]+/, ''));
    await expect(opened.getByTestId('knob-b-ShardCount')).toHaveText('8 shards');
    await expect(opened.getByTestId('knob-ShardCount')).toHaveText('4 shards');
    await expect(opened.getByTestId('timeline-clock')).toHaveText('5:00 / 10:00');
    await expect.poll(() => opened.getByTestId('compare-table').innerText()).toBe(rowsBefore);
  });

  test('downloads a chart as a PNG image', async ({ page }) => {
    const root = await openExperiment(page);
    const [download] = await Promise.all([page.waitForEvent('download'), root.getByTestId('chart-IteratorAge').getByTestId('chart-png').click()]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(2_000);
  });

  test('runs an experiment from the keyboard alone', async ({ page }) => {
    const root = await openExperiment(page);
    const before = Number(await root.getByTestId('outcome-processed').getAttribute('data-value'));
    await root.getByLabel('ShardCount').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(root.getByTestId('knob-ShardCount')).toHaveText('6 shards');
    await expect.poll(async () => Number(await root.getByTestId('outcome-processed').getAttribute('data-value'))).toBeGreaterThan(before);
    // Tab along to the playback controls and play from the keyboard.
    await root.getByTestId('timeline-scrub').focus();
    await page.keyboard.press('Home');
    // Back through speed, Restart and Step (Step back is disabled at 0:00) to Play.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
    await expect(root.getByTestId('timeline-play')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => clock(root)).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect(root.getByTestId('timeline-play')).toHaveText('Play');
  });

  for (const theme of THEMES) {
    test(`has no axe violations with the compare view and the JSON editor open (${theme})`, async ({ page }) => {
      await gotoInTheme(page, PATH, theme);
      const root = page.locator(FIRST);
      await root.scrollIntoViewIfNeeded();
      await expect(root).toHaveAttribute('data-hydrated', 'true', HYDRATION);
      await root.getByTestId('compare-open').click();
      await expect(root.getByTestId('compare-table')).toBeVisible();
      await root.getByText('Edit the whole scenario as JSON').click();
      await root.getByTestId('timeline-scrub').fill('300');
      await expect(root.getByTestId('moment-b-counts')).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).include('[data-testid="experiment"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});
