import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { gotoInTheme, THEMES } from './support/theme.ts';

const PATH = '/chapters/shards-and-partitions/';
// The chapter's first experiment (the page has several): the step in traffic on four shards.
const FIRST = '[data-testid="experiment"][data-experiment="kinesis-4-shards"]';
// Six islands share the page (and a busy machine): give the first one time to hydrate.
const HYDRATION = { timeout: 30_000 };
// Hydrating the first of six islands can take much of the default 30 s on a loaded machine.
test.describe.configure({ timeout: 90_000 });

/** Opens the chapter and waits until the experiment island has hydrated. */
async function openExperiment(page: Page, path = PATH) {
  await page.goto(path);
  const root = page.locator(FIRST);
  await root.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:not([ssr])', { has: root })).toHaveCount(1, HYDRATION);
  return root;
}

const value = async (page: Page, id: string) => Number(await page.locator(FIRST).getByTestId(id).getAttribute('data-value'));

test.describe('the experiment workbench', () => {
  test('shows a run made at build time before any script runs', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(PATH);
    const root = page.locator(FIRST);
    await expect(root.getByTestId('outcome-processed')).not.toHaveText('0');
    await expect(root.locator('details table').first()).toBeAttached();
    await context.close();
  });

  test('re-runs when a knob moves, from the keyboard, and resets', async ({ page }) => {
    const root = await openExperiment(page);
    const before = await value(page, 'outcome-processed');
    const slider = root.getByLabel('ShardCount');
    await slider.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await expect(root.getByTestId('knob-ShardCount')).toHaveText('10 shards');
    // Twice the shards accept about twice the writes after the step, so far more is processed.
    await expect.poll(() => value(page, 'outcome-processed')).toBeGreaterThan(before * 1.3);
    // Ten shards take the tripled traffic (about 6,990 records/s of 1.5 KB): no write is rejected.
    await expect(root.getByTestId('experiment-binding')).not.toContainText('rejected');
    await root.getByTestId('experiment-reset').click();
    await expect(root.getByTestId('experiment-binding')).toContainText(/shard write limit: .* 100% used, [\d,]+ records\/s rejected/);
    await expect(root.getByTestId('knob-ShardCount')).toHaveText('4 shards');
    await expect.poll(() => value(page, 'outcome-processed')).toBe(before);
  });

  test('keeps the reader’s changes across a reload', async ({ page }) => {
    const root = await openExperiment(page);
    const before = await value(page, 'outcome-invocations');
    const slider = root.getByLabel('BatchSize');
    await slider.fill('500');
    await expect(root.getByTestId('knob-BatchSize')).toHaveText('500 records');
    // Fuller batches: fewer invocations, once the run has finished.
    await expect.poll(() => value(page, 'outcome-invocations')).toBeLessThan(before);
    const invocations = await value(page, 'outcome-invocations');
    await page.reload();
    const again = await openExperiment(page);
    await expect(again.getByTestId('knob-BatchSize')).toHaveText('500 records');
    await expect.poll(() => value(page, 'outcome-invocations')).toBe(invocations);
  });

  test('shares a link that restores the experiment exactly, in a new page', async ({ page, context }) => {
    const root = await openExperiment(page);
    await root.getByLabel('ParallelizationFactor').fill('5');
    await expect(root.getByTestId('knob-ParallelizationFactor')).toHaveText('5 per shard');
    await expect.poll(() => page.locator(FIRST).getByTestId('experiment-outcomes').getAttribute('data-running')).toBe('false');
    const outcomes = await page.locator(FIRST).getByTestId('experiment-outcomes').innerText();
    await root.getByTestId('experiment-share').click();
    const link = await root.getByTestId('experiment-link').inputValue();
    expect(link).toMatch(/#x=v1\.[A-Za-z0-9_-]+$/);

    const other = await context.newPage();
    await other.evaluate(() => localStorage.clear()).catch(() => {});
    const opened = await openExperiment(other, link.replace(/^https?:\/\/[^/]+/, ''));
    await expect(opened.getByTestId('knob-ParallelizationFactor')).toHaveText('5 per shard');
    await expect.poll(() => other.locator(FIRST).getByTestId('experiment-outcomes').innerText()).toBe(outcomes);
  });

  test('a hostile or truncated link shows a notice and the default experiment', async ({ page }) => {
    for (const hash of ['#x=v1.%3Cscript%3E', '#x=v1.eyJzY2VuYXJpbyI6', `#x=v1.${'A'.repeat(40_000)}`]) {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const root = await openExperiment(page, PATH + hash);
      await expect(root.getByTestId('experiment-notice')).toContainText('could not be opened');
      await expect(root.getByTestId('knob-ShardCount')).toHaveText('4 shards');
      expect(errors).toEqual([]);
    }
  });

  test('exports the scenario, deployable settings and the charted data', async ({ page }) => {
    const root = await openExperiment(page);
    await root.getByLabel('ParallelizationFactor').fill('3');
    await expect(root.getByTestId('knob-ParallelizationFactor')).toHaveText('3 per shard');
    const save = async (kind: string) => {
      await root.getByTestId('experiment-export-kind').selectOption(kind);
      const [download] = await Promise.all([page.waitForEvent('download'), root.getByTestId('experiment-download').click()]);
      return { name: download.suggestedFilename(), text: readFileSync((await download.path()) as string, 'utf8') };
    };
    const json = await save('json');
    expect(json.name).toBe('kinesis-4-shards.json');
    expect(JSON.parse(json.text).eventSourceMapping.ParallelizationFactor).toBe(3);
    const terraform = await save('terraform');
    expect(terraform.text).toContain('resource "aws_lambda_event_source_mapping"');
    expect(terraform.text).toMatch(/parallelization_factor\s*=\s*3/);
    const sam = await save('sam');
    expect(sam.text).toContain('AWS::Lambda::EventSourceMapping');
    expect(sam.text).toMatch(/ParallelizationFactor: 3/);
    const cli = await save('cli');
    expect(JSON.parse(cli.text)).toMatchObject({ ParallelizationFactor: 3, EventSourceArn: expect.stringContaining('arn:aws:kinesis') });
    const csv = await save('csv');
    expect(csv.text.split('\r\n')[0]).toBe('t,IncomingRecords Sum');
    expect(csv.text).toContain('t,IteratorAge Maximum');
  });

  test('keeps a trials table: a row per run, removable, exported as CSV', async ({ page }) => {
    const root = await openExperiment(page);
    const rows = root.getByTestId('trial-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('the starting scenario');
    await root.getByLabel('ShardCount').fill('6');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('ShardCount 6 shards');
    const [download] = await Promise.all([page.waitForEvent('download'), root.getByTestId('trials-csv').click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.split('\r\n')).toHaveLength(4); // header, two rows, and the final line end
    await root.getByRole('button', { name: 'Remove trial 1' }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('ShardCount 6 shards');
  });

  test('edits the whole scenario as JSON: errors inline, then apply', async ({ page }) => {
    const root = await openExperiment(page);
    await root.getByText('Edit the whole scenario as JSON').click();
    const wrapper = root.getByTestId('scenario-editor');
    await wrapper.scrollIntoViewIfNeeded();
    await expect(wrapper).toHaveAttribute('data-ready', 'true');
    const editor = root.getByRole('textbox', { name: /Every setting of the experiment/ });
    const status = root.getByTestId('scenario-editor-status');
    await expect(status).toContainText('The engine accepts this scenario');
    // The reader pastes a whole scenario (CodeMirror renders only the lines in view, so the
    // text is built here rather than read back from the page).
    const preset = JSON.parse(readFileSync(new URL('../../scenarios/kinesis-4-shards.json', import.meta.url), 'utf8'));
    const withBatch = (size: number) => JSON.stringify({ ...preset, eventSourceMapping: { ...preset.eventSourceMapping, BatchSize: size } }, null, 2);
    const typeAll = async (text: string) => {
      await editor.click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(text);
    };
    await typeAll(withBatch(20_000));
    await expect(status).toContainText('eventSourceMapping.BatchSize: 20000 must be a whole number from 1 to 10,000');
    await expect(root.getByTestId('scenario-apply')).toBeDisabled();
    await typeAll(withBatch(400));
    await expect(status).toContainText('The engine accepts this scenario');
    await root.getByTestId('scenario-apply').click();
    await expect(root.getByTestId('knob-BatchSize')).toHaveText('400 records');
    await expect(root.getByTestId('trial-row').last()).toContainText('BatchSize 400 records');
  });

  test('the JSON editor completes field names and explains each field', async ({ page }) => {
    const root = await openExperiment(page);
    await root.getByText('Edit the whole scenario as JSON').click();
    // CodeMirror replaces the plain text box once on screen: wait for it, or the box found
    // first may be gone by the time it is used.
    const wrapper = root.getByTestId('scenario-editor');
    await wrapper.scrollIntoViewIfNeeded();
    await expect(wrapper).toHaveAttribute('data-ready', 'true');
    const editor = root.getByRole('textbox', { name: /Every setting of the experiment/ });
    // The editor shows what differs from the defaults, so the mapping has room for more fields.
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{\n  "eventSourceMapping": {\n    "BatchSize": 100,\n    ');
    await page.keyboard.type('"Bis');
    const list = page.locator('.cm-tooltip-autocomplete');
    await expect(list).toBeVisible();
    await expect(list).toContainText('BisectBatchOnFunctionError');
    // CodeMirror ignores Enter for a moment after the list opens, so that a quick typist's Enter is not taken as a choice.
    await page.waitForTimeout(200);
    await page.keyboard.press('Enter');
    await expect(editor).toContainText('"BisectBatchOnFunctionError":');
    await page.keyboard.press('Escape');
    // F1 explains the field at the cursor: its meaning, range and default.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('F1');
    const tip = page.locator('.cm-tooltip').filter({ hasText: 'BatchSize' });
    await expect(tip).toContainText('1–10,000');
    await expect(tip).toContainText('default 100');
  });

  for (const theme of THEMES) {
    test(`has no axe violations with the JSON editor open and an error shown (${theme})`, async ({ page }) => {
      await gotoInTheme(page, PATH, theme);
      const root = page.locator(FIRST);
      await root.scrollIntoViewIfNeeded();
      await expect(page.locator('astro-island:not([ssr])', { has: root })).toHaveCount(1, HYDRATION);
      await root.getByText('Edit the whole scenario as JSON').click();
      const wrapper = root.getByTestId('scenario-editor');
      await wrapper.scrollIntoViewIfNeeded();
      await expect(wrapper).toHaveAttribute('data-ready', 'true');
      const editor = root.getByRole('textbox', { name: /Every setting of the experiment/ });
      await editor.click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.insertText('{ "name": "x" ');
      await expect(root.getByTestId('scenario-editor-status')).toContainText('Not valid JSON');
      const { violations } = await new AxeBuilder({ page }).include('[data-testid="experiment"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});
