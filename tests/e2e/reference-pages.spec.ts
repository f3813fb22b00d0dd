import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { distDir, pagePaths } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';

// The reference pages: glossary, references and about the model.
const PAGES = [
  { path: '/reference/glossary/', title: 'Glossary' },
  { path: '/reference/references/', title: 'References' },
  { path: '/reference/about-the-model/', title: 'About the model' },
] as const;
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots', 'reference-pages');

test.describe('the reference pages', () => {
  // Long pages: axe and full-page screenshots take a while on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  for (const { path, title } of PAGES) {
    test(`${title} loads without console errors and is in the sidebar's Reference group`, async ({ page }) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      const group = page.locator('details').filter({ has: page.locator('summary', { hasText: /^\s*Reference\s*$/ }) });
      await expect(group.getByRole('link', { name: title })).toHaveAttribute('aria-current', 'page');
      await page.waitForLoadState('networkidle');
      expect(errors, errors.join('\n')).toEqual([]);
    });
  }

  test('the glossary has an entry for every glossary link in the built chapters', async ({ page }) => {
    const wanted = new Map<string, string[]>();
    for (const path of pagePaths()) {
      const file = path === '/404.html' ? join(distDir, '404.html') : join(distDir, path, 'index.html');
      for (const match of readFileSync(file, 'utf8').matchAll(/href="\/reference\/glossary\/#([^"]+)"/g)) {
        wanted.set(match[1]!, [...(wanted.get(match[1]!) ?? []), path]);
      }
    }
    await page.goto('/reference/glossary/');
    const missing: string[] = [];
    for (const [id, from] of wanted) {
      if ((await page.locator(`dt[id="${id}"]`).count()) !== 1) missing.push(`#${id} (linked from ${[...new Set(from)].join(', ')})`);
    }
    expect(missing, `glossary anchors that chapters link but the glossary lacks:\n${missing.join('\n')}`).toEqual([]);
    // A link to a term scrolls to it.
    await page.goto('/reference/glossary/#iteratorage');
    await expect(page.locator('dt#iteratorage')).toBeInViewport();
    await expect(page.locator('dt#iteratorage + dd')).toContainText('falling behind');
  });

  test('about the model lists every assumption with the engine\'s default, and the price table\'s date', async ({ page }) => {
    await page.goto('/reference/about-the-model/');
    const table = page.getByTestId('assumptions-table');
    await expect(table.locator('tbody tr')).not.toHaveCount(0);
    await expect(table.locator('tr[data-field="assumptions.idleLifetimeSeconds"] td').first()).toHaveText('300 seconds');
    await expect(table.locator('tr[data-field="function.duration.coldStartMs"] td').first()).toHaveText('250 ms');
    await expect(page.locator('main')).toContainText(/as read from the AWS pricing pages on \d{1,2} \w+ \d{4}/);
    await expect(page.locator('#report-a-mismatch')).toBeVisible();
  });

  for (const theme of THEMES) {
    for (const { path, title } of PAGES) {
      test(`axe finds no violations on ${title} in the ${theme} theme`, async ({ page }) => {
        await gotoInTheme(page, path, theme);
        const { violations } = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .options({ resultTypes: ['violations'] })
          .analyze();
        const report = violations.map((v) => `[${v.id}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
        expect(violations.map((v) => v.id), `${title} (${theme}):\n${report}`).toEqual([]);
      });
    }
  }

  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      test(`screenshots at ${width} px in the ${theme} theme`, async ({ page }) => {
        mkdirSync(SHOTS, { recursive: true });
        await page.setViewportSize({ width, height: 900 });
        for (const { path } of PAGES) {
          await gotoInTheme(page, path, theme);
          const name = path.split('/').filter(Boolean).at(-1);
          await page.screenshot({ path: join(SHOTS, `${name}-${theme}-${width}.png`), fullPage: true });
        }
      });
    }
  }
});
