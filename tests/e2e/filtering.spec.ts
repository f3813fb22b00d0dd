import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { gotoInTheme, THEMES } from './support/theme.ts';
import { isTestNoise } from './support/pages.ts';

const PATH = '/chapters/filtering/';
const STORAGE_KEY = 'serverless-streaming-lab:filter-pattern';

const TIRE_ONLY = '{"data":{"tire_pressure":[{"numeric":["<",33]}]}}';
const WILDCARD = '{\n"data":{\n"x":[{"wildcard":"a*"}]\n}\n}';

interface Lab {
  root: Locator;
  editor: Locator;
  status: Locator;
  results: Locator;
  share: Locator;
  withFilter: Locator;
  inCode: Locator;
  saving: Locator;
  records: Locator;
}

function labOn(page: Page): Lab {
  const root = page.getByTestId('filter-lab');
  return {
    root,
    // CodeMirror's editable element; its name comes from the visible label above it.
    editor: root.getByRole('textbox', { name: 'Filter pattern (JSON)' }),
    status: root.getByTestId('pattern-status'),
    results: root.getByTestId('results'),
    share: root.getByTestId('kept-share'),
    withFilter: root.getByTestId('bill-with-filter'),
    inCode: root.getByTestId('bill-in-code'),
    saving: root.getByTestId('bill-saving'),
    records: root.getByTestId('records').locator('li'),
  };
}

/** Opens the chapter and waits until the island has hydrated and CodeMirror has replaced the plain text box. */
async function openLab(page: Page, { reload = false, fresh = true, navigate = true } = {}): Promise<Lab> {
  if (reload) await page.reload();
  else if (navigate) await page.goto(PATH);
  const lab = labOn(page);
  await lab.root.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:not([ssr])', { has: lab.root })).toHaveCount(1);
  // CodeMirror replaces the plain text box once the editor itself is on screen.
  const editor = lab.root.getByTestId('pattern-editor');
  await editor.scrollIntoViewIfNeeded();
  await expect(editor).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  if (fresh) await expect(lab.results).toHaveAttribute('data-stale', 'false');
  return lab;
}

async function numberAttr(locator: Locator): Promise<number> {
  const raw = await locator.getAttribute('data-value');
  expect(raw, 'data-value attribute').not.toBeNull();
  const value = Number(raw);
  expect(Number.isFinite(value), `data-value "${raw}" is a number`).toBe(true);
  return value;
}

/** Replaces the editor's whole text as a reader would: select all, then type. */
async function typeInto(page: Page, lab: Lab, text: string): Promise<void> {
  await lab.editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The editor's text, one string (CodeMirror renders one element per line). */
function editorText(lab: Lab): Promise<string> {
  return lab.editor.evaluate((el) => [...el.querySelectorAll('.cm-line')].map((line) => line.textContent ?? '').join('\n'));
}

async function expectSettledValid(lab: Lab): Promise<void> {
  await expect(lab.status).toHaveAttribute('data-state', 'valid');
  await expect(lab.results).toHaveAttribute('data-stale', 'false');
}

test.describe('filter playground', () => {
  test.beforeEach(async ({ page }) => {
    // Each test starts from the default pattern, whatever an earlier visit stored.
    await page.addInitScript((key) => {
      try {
        if (!sessionStorage.getItem('filter-test-started')) {
          sessionStorage.setItem('filter-test-started', '1');
          localStorage.removeItem(key);
        }
      } catch {
        // about:blank has no storage; the script runs again on the real page.
      }
    }, STORAGE_KEY);
  });

  test('shows the default pattern, its sample and its bill', async ({ page }) => {
    const lab = await openLab(page);
    expect(await editorText(lab)).toMatch(/"tire_pressure": \[\{ "numeric": \["<", 32\] \}\]/);
    await expect(lab.records).toHaveCount(12);
    // Kept or dropped is written out, not only coloured.
    for (const verdict of await lab.records.locator('.verdict').allTextContents()) expect(verdict).toMatch(/^(kept|dropped)$/);
    await expect(lab.share).toContainText(/Keeps [\d.]+% of 4,096 sample records/);
    const inCode = await numberAttr(lab.inCode);
    const withFilter = await numberAttr(lab.withFilter);
    expect(withFilter, 'the default filter should make the bill smaller').toBeLessThan(inCode);
    await expect(lab.saving).toContainText(/saves [\d.]+%/);
  });

  test('a valid edit changes the kept share and the bill', async ({ page }) => {
    // The bill is simulated off the main thread, so typing never waits for it.
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    const warnings: string[] = [];
    page.on('console', (message) => {
      if ((message.type() === 'warning' || message.type() === 'error') && !isTestNoise(message.text())) warnings.push(message.text());
    });
    const lab = await openLab(page);
    const share = await numberAttr(lab.share);
    const bill = await numberAttr(lab.withFilter);

    await typeInto(page, lab, TIRE_ONLY);
    await expect.poll(() => numberAttr(lab.share), { message: 'kept share should change' }).not.toBe(share);
    await expect.poll(() => numberAttr(lab.withFilter), { message: 'the bill with the filter should change' }).not.toBe(bill);
    await expectSettledValid(lab);
    const tireShare = await numberAttr(lab.share);
    expect(tireShare).toBeGreaterThan(0);
    expect(tireShare).toBeLessThan(1);

    expect(workers.some((url) => url.includes('filter-worker')), `workers started: ${workers.join(', ')}`).toBe(true);
    expect(warnings, 'the playground logged no warnings or errors').toEqual([]);

    await lab.root.getByRole('radio', { name: 'Kept', exact: true }).check();
    await expect(lab.records.first()).toHaveAttribute('data-verdict', 'kept');
    expect(await lab.records.locator('.verdict').allTextContents()).not.toContain('dropped');
  });

  test('a broken pattern shows the problem, keeps the text and the last results, and fixing it recovers', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const lab = await openLab(page);
    await typeInto(page, lab, TIRE_ONLY);
    await expectSettledValid(lab);
    const share = await numberAttr(lab.share);
    const bill = await numberAttr(lab.withFilter);

    // Delete the closing brace.
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Backspace');
    await expect(lab.status).toHaveAttribute('data-state', 'invalid');
    await expect(lab.status).toContainText('Not valid JSON');
    await expect(lab.status).toContainText('Line 1');
    await expect(lab.results).toHaveAttribute('data-stale', 'true');
    await expect(lab.root.getByTestId('stale-note')).toContainText('Out of date');
    await expect(lab.root.locator('.cm-lintRange-error, .cm-lintPoint-error').first()).toBeVisible();
    expect(await editorText(lab)).toBe(TIRE_ONLY.slice(0, -1));
    expect(await numberAttr(lab.share)).toBe(share);
    expect(await numberAttr(lab.withFilter)).toBe(bill);

    // An operator Lambda does not support: the problem names it, on its own line.
    await typeInto(page, lab, WILDCARD);
    await expect(lab.status).toContainText('"wildcard" is not a supported operator');
    await expect(lab.status).toContainText('Line 3:');
    await expect(lab.root.locator('.cm-lintRange-error')).toHaveText('"wildcard"');
    await expect(lab.root.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
    expect(await numberAttr(lab.share)).toBe(share);

    // A key other than data is refused on Kinesis.
    await typeInto(page, lab, '{"partitionKey":["a"]}');
    await expect(lab.status).toContainText('only support filtering on the "data" key');

    // The page still works: an example loads, and results come back.
    await lab.root.getByRole('button', { name: 'Every fleet but one' }).click();
    await expectSettledValid(lab);
    await expect(lab.root.locator('.cm-lintRange-error')).toHaveCount(0);
    await expect(lab.root.getByTestId('stale-note')).toHaveCount(0);
    expect(await numberAttr(lab.share)).toBeGreaterThan(0.9);
    expect(errors).toEqual([]);
  });

  test('the pattern survives a reload, and bad stored data is ignored', async ({ page }) => {
    const lab = await openLab(page);
    const original = await editorText(lab);
    await typeInto(page, lab, '{"data":{"speed":[{"numeric":[">",1');
    await expect(lab.status).toHaveAttribute('data-state', 'invalid');

    const again = await openLab(page, { reload: true, fresh: false });
    await expect.poll(() => editorText(again)).toBe('{"data":{"speed":[{"numeric":[">",1');
    await expect(again.status).toHaveAttribute('data-state', 'invalid');

    await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"text":42}'), STORAGE_KEY);
    const fresh = await openLab(page, { reload: true });
    expect(await editorText(fresh)).toBe(original);
    await expectSettledValid(fresh);

    await typeInto(page, fresh, TIRE_ONLY);
    await expectSettledValid(fresh);
    await fresh.root.getByTestId('reset').click();
    await expect.poll(() => editorText(fresh)).toBe(original);
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBeNull();
  });

  test('works with the keyboard alone', async ({ page }) => {
    const lab = await openLab(page);
    const first = lab.root.getByRole('button', { name: 'Low tire pressure, any fleet' });
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => editorText(lab)).toContain('tire_pressure');
    await expect.poll(() => editorText(lab)).not.toContain('fleet_id');

    // Tab on to the editor, through the other buttons.
    for (let i = 0; i < 5 && !(await lab.editor.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(lab.editor).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('{"data":{"fleet_id":[{"prefix":"fleet-4"}]}}');
    await expectSettledValid(lab);
    await expect(lab.share).toContainText('Keeps');

    // Tab leaves the editor rather than inserting a tab.
    await page.keyboard.press('Tab');
    await expect(lab.editor).not.toBeFocused();
    expect(await editorText(lab)).toBe('{"data":{"fleet_id":[{"prefix":"fleet-4"}]}}');

    // The record views are radio buttons: arrows move between them.
    const firstView = lab.root.getByRole('radio', { name: 'First 12' });
    await firstView.focus();
    await page.keyboard.press('ArrowRight');
    await expect(lab.root.getByRole('radio', { name: 'Kept', exact: true })).toBeChecked();
  });

  test('fits and works on a 390 px phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const lab = await openLab(page);
    const box = await lab.root.boundingBox();
    expect(box && box.x + box.width, 'the playground fits the screen').toBeLessThanOrEqual(390);
    await typeInto(page, lab, TIRE_ONLY);
    await expectSettledValid(lab);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });

  // The page-wide screenshots catch the editor before CodeMirror replaces the plain text box;
  // these show the editor itself, with a problem marked, and check it with axe in both themes.
  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      test(`the editor with a problem, ${theme} theme at ${width} px: screenshot and axe`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, PATH, theme);
        const lab = await openLab(page, { navigate: false });
        await typeInto(page, lab, WILDCARD);
        await expect(lab.status).toHaveAttribute('data-state', 'invalid');
        await expect(lab.root.locator('.cm-lintRange-error')).toBeVisible();
        await lab.editor.blur();
        await lab.root.screenshot({ path: `test-results/screenshots/filtering-playground-${width}-${theme}.png`, animations: 'disabled' });
        const { violations } = await new AxeBuilder({ page })
          .include('[data-testid="filter-lab"]')
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .options({ resultTypes: ['violations'] })
          .analyze();
        const report = violations.map((v) => `[${v.id}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
        expect(violations.map((v) => v.id), report).toEqual([]);
      });
    }
  }
});
